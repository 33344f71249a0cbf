import type { BankOperation } from "../bank"

/** What the bank says of one refund. */
export type RefundState = "pending" | "succeeded" | "failed"
/** Every state a bank-refund record can be in: asked but unanswered, answered, lost in transit, recorded offline. */
export const REFUND_RECORD_STATES = ["requested", "pending", "succeeded", "failed", "unknown", "recorded"] as const
export type RefundRecordState = (typeof REFUND_RECORD_STATES)[number]

const REFUND_STATE: Record<string, RefundState> = {
  SUCCESS: "succeeded",
  FAIL: "failed",
  PENDING: "pending",
  IN_PROGRESS: "pending",
}

/** The bank's refund status as ours; anything unknown stays pending (never final). */
export function refundState(op: Pick<BankOperation, "status">): RefundState {
  return REFUND_STATE[op.status] ?? "pending"
}

/** Refund operations keyed by our merchantRequestId (refunds may have no operationId of their own). */
export function refundsByRequestId(operations: BankOperation[]): Map<string, BankOperation> {
  const map = new Map<string, BankOperation>()
  for (const op of operations) if (op.type === "REFUND" && op.merchantRequestId) map.set(op.merchantRequestId, op)
  return map
}

/**
 * Refund states that hold money: made, possibly made (requested, pending, unknown: the answer
 * was lost) or recorded offline. Only a refund the bank refused gives its amount back.
 */
const REFUND_STATES_HOLDING_MONEY: ReadonlySet<string> = new Set(["requested", "pending", "succeeded", "unknown", "recorded"])

/** Refund states whose outcome nobody knows yet: re-read the bank, never send again. */
export const OPEN_REFUND_STATES: ReadonlySet<string> = new Set(["requested", "pending", "unknown"])

/** Kopecks still refundable: paid minus every refund that holds money, online or offline. */
export function refundableKopecks(paid: number, refunds: { coin_amount: number | string; state: string }[]): number {
  const taken = refunds.filter((r) => REFUND_STATES_HOLDING_MONEY.has(r.state)).reduce((sum, r) => sum + Number(r.coin_amount), 0)
  return Math.max(0, Number(paid) - taken)
}

/**
 * What Medusa's refunds on the payment must add up to: refunds the bank made or is making, and
 * those recorded offline. One of unknown outcome is not in Medusa yet (Medusa drops a refund whose
 * provider call failed); one the bank declined after Medusa recorded it is a disagreement.
 */
export function movedKopecks(refunds: { bank_order_id: string; state: string; coin_amount: number | string }[], bankOrderId: string): number {
  return refunds
    .filter((r) => r.bank_order_id === bankOrderId && (r.state === "succeeded" || r.state === "pending" || r.state === "recorded"))
    .reduce((acc, r) => acc + Number(r.coin_amount), 0)
}
