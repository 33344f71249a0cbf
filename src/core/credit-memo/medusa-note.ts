import { fromKopecks } from "../bank/money"
import type { CreditMemoDraft } from "./plan"

/**
 * The note on Medusa's own refund, so that the order page (Payments card, activity) says which
 * items a memo credited and whether the bank was called, not only our panel.
 */
export function medusaRefundNote(draft: CreditMemoDraft): string {
  const currency = draft.currency_code.toUpperCase()
  const parts = draft.lines.map((l) => `${l.quantity} × ${l.title}`)
  if (draft.shipping > 0) parts.push(`shipping ${fromKopecks(draft.shipping)} ${currency}`)
  if (draft.adjustment_refund > 0) parts.push(`adjustment refund ${fromKopecks(draft.adjustment_refund)} ${currency}`)
  if (draft.adjustment_fee > 0) parts.push(`adjustment fee −${fromKopecks(draft.adjustment_fee)} ${currency}`)
  const how = draft.mode === "offline" ? "Refund Offline: recorded in the shop without a bank call" : "Refunded through Alliance Pay"
  return [`Credit memo: ${parts.join(", ") || "adjustment"}. ${how}.`, draft.note].filter(Boolean).join(" ").slice(0, 1000)
}
