import type { BankOrderState } from "../../core/bank-state"
import type { BankOrderRecord } from "./types"

/**
 * Our state after a re-read. The bank is the truth about money: a payment it confirms is captured
 * whatever we had concluded before (a late success after a decline or an expiry), and a captured
 * payment never un-happens. Only a mismatch (the bank order is not what we created) is never
 * cleared. `warning` is a line for the operator's log.
 */
export function nextState(
  record: Pick<BankOrderRecord, "id" | "hpp_order_id" | "state">,
  seen: BankOrderState,
  reason?: string
): { state: BankOrderRecord["state"]; warning?: string } {
  if (seen === "mismatch") {
    return { state: "mismatch", warning: `Alliance Pay SECURITY: bank order ${record.hpp_order_id} (${record.id}) does not match what we created: ${reason}` }
  }
  if (record.state === "mismatch") return { state: "mismatch" }
  if (record.state === "captured") {
    return seen === "captured"
      ? { state: "captured" }
      : { state: "captured", warning: `Alliance Pay: bank order ${record.hpp_order_id} was paid but the bank now reads as ${seen}; keeping captured` }
  }
  if (seen === "captured" && (record.state === "failed" || record.state === "expired")) {
    return { state: seen, warning: `Alliance Pay: bank order ${record.hpp_order_id} was ${record.state} with us but the bank now says it is paid; following the bank` }
  }
  return { state: seen }
}
