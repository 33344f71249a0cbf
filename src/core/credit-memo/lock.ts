/** One credit memo of an order at a time (create, and settle from a bank refund), across processes. */
export const creditMemoLockKey = (orderId: string) => `alliancepay:credit-memo:${orderId}`
