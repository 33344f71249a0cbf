export const AlliancePayEvents = {
  /** a bank order's state or one of its refunds changed after a re-read of the bank */
  BANK_ORDER_UPDATED: "alliancepay.bank_order.updated",
} as const
