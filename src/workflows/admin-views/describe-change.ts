import type { ReconcileResult } from "../reconcile"

const STATE_WORDS: Record<string, string> = {
  creating: "being created",
  create_failed: "not created (the bank refused it)",
  pending: "waiting for the shopper to pay",
  in_progress: "being confirmed by the bank",
  authorized: "held on the card (waiting for Capture)",
  captured: "paid",
  failed: "declined",
  expired: "expired unpaid",
  mismatch: "not matching this order (see the server log)",

}

const ACTION_WORDS: Record<ReconcileResult["actions"][number]["type"], string> = {
  captured_payment: "The payment was captured on the order.",
  canceled_order: "The order was canceled.",
  refunded_orphan: "The money, paid without an order, was asked back from the bank.",
  authorized_payment: "The card hold was recorded on the order as an authorized payment.",
  canceled_payment: "The card hold expired uncaptured: the payment was canceled (the order was left for you to decide).",
}

export const stateInWords = (state: string) => STATE_WORDS[state] ?? state

/** One English sentence for the merchant: what Check Payment Status changed, or that nothing did. */
export function describeChange(result: Pick<ReconcileResult, "changed" | "previous" | "state" | "actions" | "refunds">): string {
  if (!result.changed) return `No change: the bank still reports the payment as ${stateInWords(result.state)}.`
  const parts: string[] = []
  if (result.previous !== result.state) {
    parts.push(`The payment went from ${stateInWords(result.previous)} to ${stateInWords(result.state)}.`)
  }
  for (const action of result.actions) {
    parts.push(ACTION_WORDS[action.type])
  }
  for (const refund of result.refunds) parts.push(`Refund ${refund.id} went from ${refund.from} to ${refund.to}.`)
  if (!parts.length) parts.push(`The order was brought in line with the bank: the payment is ${stateInWords(result.state)}.`)
  return parts.join(" ")
}
