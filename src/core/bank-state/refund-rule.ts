/**
 * Whether the bank's refund API can return a payment. The refund endpoint returns money "to the
 * card the original operation was paid with" (UA refund page) and takes a card payment's
 * operationId; a pay-by-bank transfer (ACCOUNT_2_ACCOUNT, paymentServiceType ACCOUNT) has no card,
 * the docs describe no refund for it, and the bank's own Magento module blocks credit memos for
 * A2A orders. Such money goes back by a bank transfer the merchant makes: Refund Offline.
 */
export const A2A_REFUND_REASON =
  "this payment was a transfer from the shopper's bank account (pay-by-bank, A2A); the bank's refund API returns money to cards only. Return the money by a bank transfer to the shopper and record it with Refund Offline"

interface OperationLike {
  type?: string | null
  status?: string | null
}

/** Why the bank cannot refund this bank order online, or undefined when it can. */
export function onlineRefundUnavailable(record: { operations?: unknown }): string | undefined {
  const ops = Array.isArray(record.operations) ? (record.operations as OperationLike[]) : []
  return ops.some((op) => op?.type === "ACCOUNT_2_ACCOUNT" && op.status === "SUCCESS") ? A2A_REFUND_REASON : undefined
}
