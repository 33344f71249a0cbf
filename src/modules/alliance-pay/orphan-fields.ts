import { withEntry } from "./history"
import type { ModuleOptions } from "./options"
import type { BankOrderRecord } from "./types"

/**
 * Paid at the bank, but Medusa no longer follows this bank order: money without an order,
 * flagged for the merchant and, when the merchant allows it, refunded after a delay.
 */
export function orphanFields(record: BankOrderRecord, now: number, { enabled, afterMs }: ModuleOptions["orphanRefund"], warn: (message: string) => void): Partial<BankOrderRecord> {
  warn(
    `Alliance Pay: bank order ${record.hpp_order_id} was paid but no Medusa order carries it${enabled ? `; it will be refunded automatically in ${Math.round(afterMs / 60_000)} min unless resolved` : ""} (see Alliance Pay payments in the admin)`
  )
  return {
    attention: "paid_without_order",
    attention_at: new Date(now),
    auto_refund_at: enabled ? new Date(now + afterMs) : null,
    resolved_at: null,
    history: withEntry(record.history, { by: null, action: "paid_without_order" }, new Date(now)) as unknown as Record<string, unknown>,
  }
}
