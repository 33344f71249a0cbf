/** One line of a bank order's history, as the payments page shows it. */
export interface HistoryEntry {
  at: string
  /** the admin user, or null for the plugin itself */
  by: string | null
  action: "paid_without_order" | "auto_refund_requested" | "auto_refund_failed" | "rechecked" | "refunded_orphan" | "resolved" | "refunds_disagree"
    // two-step payments: the admin's Capture, a Cancel that cannot release the hold, the bank's own release
    | "hold_completed" | "hold_canceled" | "hold_expired"
  note?: string | null
}

/** The history with one more entry, newest last; bounded so a noisy order cannot grow without end. */
export function withEntry(history: unknown, entry: Omit<HistoryEntry, "at">, now = new Date()): HistoryEntry[] {
  const list = Array.isArray(history) ? (history as HistoryEntry[]) : []
  return [...list, { at: now.toISOString(), ...entry }].slice(-50)
}
