import type { BankOperation } from "../alliance-pay"

export type RefundState = "pending" | "succeeded" | "failed"

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

/** Kopecks still refundable: paid minus refunds that succeeded or may still succeed. */
export function refundableKopecks(paid: number, refunds: { coin_amount: number; state: string }[]): number {
  const taken = refunds
    .filter((r) => r.state === "succeeded" || r.state === "pending" || r.state === "requested" || r.state === "unknown")
    .reduce((sum, r) => sum + r.coin_amount, 0)
  return Math.max(0, paid - taken)
}
