import type { BankOrderView } from "./api"

/** The refunds Medusa has recorded on its payment: settled at the bank, recorded offline, or accepted and pending. */
const RECORDED_BY_MEDUSA = new Set(["succeeded", "recorded", "pending"])

/** "1350.16" → 135016n: amounts arrive as exact decimal strings; summed as whole kopecks, never as floats. */
function kopecks(amount: string): bigint {
  const [whole, fraction = ""] = amount.split(".")
  return BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2))
}

function decimal(value: bigint): string {
  const padded = value.toString().padStart(3, "0")
  return `${padded.slice(0, -2)}.${padded.slice(-2)}`
}

export interface RefundSummary {
  /** what the card's badge says: the bank order's state, or how much of a paid order was refunded */
  shownState: string
  /** decimal strings, null when nothing was refunded */
  refunded: string | null
  pending: string | null
  /** the bank's status on the card was read before the latest refund: the bank says more now */
  bankStatusStale: boolean
}

/**
 * What the card shows of refunds, so that its badge and figures say what Medusa's own Payments card
 * says (Captured, Partially refunded, Refunded) after any refund path: Medusa's Refund, a credit memo, a Cancel.
 */
export function summariseRefunds(current: BankOrderView): RefundSummary {
  let refunded = 0n
  let pending = 0n
  for (const refund of current.refunds) {
    if (!RECORDED_BY_MEDUSA.has(refund.state)) continue
    refunded += kopecks(refund.amount)
    if (refund.state === "pending") pending += kopecks(refund.amount)
  }
  const shownState =
    current.state !== "captured" || refunded === 0n ? current.state : refunded >= kopecks(current.amount) ? "refunded" : "partially_refunded"
  const lastRead = current.last_synced_at ? Date.parse(current.last_synced_at) : 0
  const bankStatusStale = current.refunds.some((r) => r.state !== "failed" && r.requested_at !== null && Date.parse(r.requested_at) > lastRead)
  return { shownState, refunded: refunded ? decimal(refunded) : null, pending: pending ? decimal(pending) : null, bankStatusStale }
}
