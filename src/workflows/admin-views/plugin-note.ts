import type { BankOrderRecord } from "../../modules/alliance-pay/types"

/**
 * The note the panel shows as the plugin's own, rebuilt from the plugin's records: an order the
 * bank's refusal or expiry left canceled. Never the text of order metadata, which a shopper can
 * write (a cart's metadata becomes its order's metadata).
 */
export function pluginNote(order: { status: string | null }, current: Pick<BankOrderRecord, "state" | "failure_reason">): string | null {
  if (order.status !== "canceled") return null
  if (current.state === "failed") return `Canceled: ${current.failure_reason ?? "the bank declined the payment"}`
  if (current.state === "expired") return `Canceled: ${current.failure_reason ?? "the payment link expired"}`
  return null
}
