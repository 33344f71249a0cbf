import { describe, expect, it } from "vitest"
import type { BankOrderView, RefundView } from "../../src/admin/lib/api"
import { summariseRefunds } from "../../src/admin/lib/refund-summary"

const refund = (amount: string, state: string, requested_at = "2026-12-02T10:00:00.000Z"): RefundView => ({
  id: `aprfd_${amount}_${state}`,
  state,
  kind: state === "recorded" ? "offline" : "bank",
  amount,
  currency_code: "uah",
  medusa_refund_id: "ref_1",
  error_details: null,
  requested_at,
  last_synced_at: null,
})

const order = (refunds: RefundView[], state = "captured", last_synced_at = "2026-12-02T09:00:00.000Z") =>
  ({ state, amount: "2600.99", currency_code: "uah", refunds, last_synced_at }) as unknown as BankOrderView

/** The order card's badge and refund line: what Medusa's own Payments card says, summed in whole kopecks. */
describe("summariseRefunds", () => {
  it("a paid order without refunds is shown by its bank state", () => {
    expect(summariseRefunds(order([]))).toEqual({ shownState: "captured", refunded: null, pending: null, bankStatusStale: false })
    expect(summariseRefunds(order([], "in_progress")).shownState).toBe("in_progress")
  })

  it("counts what Medusa recorded (settled, offline, accepted and pending), never a refused or unknown one", () => {
    const summary = summariseRefunds(
      order([refund("100.16", "succeeded"), refund("0.01", "recorded"), refund("1000.10", "pending"), refund("5", "failed"), refund("7.5", "unknown")])
    )
    expect(summary).toEqual({ shownState: "partially_refunded", refunded: "1100.27", pending: "1000.10", bankStatusStale: true })
  })

  it("the whole amount back is Refunded, to the kopeck (no float sums: 0.1 + 0.2 style amounts)", () => {
    const summary = summariseRefunds(order([refund("0.1", "succeeded"), refund("0.2", "succeeded"), refund("2600.69", "succeeded", "2026-12-02T08:00:00.000Z")]))
    expect(summary.shownState).toBe("refunded")
    expect(summary.refunded).toBe("2600.99")
    const short = summariseRefunds(order([refund("2600.98", "succeeded")]))
    expect(short.shownState).toBe("partially_refunded")
  })

  it("the bank status is stale only when a refund was asked for after the last read", () => {
    expect(summariseRefunds(order([refund("1", "succeeded", "2026-12-02T08:59:59.000Z")])).bankStatusStale).toBe(false)
    expect(summariseRefunds(order([refund("1", "failed", "2026-12-02T10:00:00.000Z")])).bankStatusStale).toBe(false)
    expect(summariseRefunds(order([refund("1", "succeeded")], "captured", null as unknown as string)).bankStatusStale).toBe(true)
  })
})
