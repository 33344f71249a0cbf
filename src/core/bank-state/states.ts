/** Our reading of a bank order the bank has answered about. */
export const BANK_ORDER_STATES = ["pending", "in_progress", "authorized", "captured", "failed", "expired", "mismatch"] as const
export type BankOrderState = (typeof BANK_ORDER_STATES)[number]

/** Before the bank answered create-order, or when it refused it: no bank order exists. */
export const NOT_AT_BANK_STATES = ["creating", "create_failed"] as const
export type NotAtBankState = (typeof NOT_AT_BANK_STATES)[number]

/** Every state a bank-order record can be in: the model's enum, the admin's filter. */
export const RECORD_STATES = [...NOT_AT_BANK_STATES, ...BANK_ORDER_STATES] as const
export type RecordState = (typeof RECORD_STATES)[number]

const NOT_AT_BANK = new Set<string>(NOT_AT_BANK_STATES)

export function isAtBank(state: RecordState): state is BankOrderState {
  return !NOT_AT_BANK.has(state)
}
