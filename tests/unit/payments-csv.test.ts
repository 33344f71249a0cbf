import { describe, expect, it } from "vitest"
import { CSV_HEADER, paymentsCsv, type PaymentRowView } from "../../src/workflows/admin-views/payments"
import { movedKopecks } from "../../src/core/bank-state"

const row = (patch: Partial<PaymentRowView>): PaymentRowView => ({
  id: "apord_1",
  hpp_order_id: "1796189294724tghh",
  state: "captured",
  bank_status: "SUCCESS",
  currency_code: "uah",
  amount: "2600.99",
  created_at: "2026-12-01T10:00:00.000Z",
  expires_at: null,
  detached: false,
  cart_id: "cart_1",
  rrn: "536012345678",
  order: { id: "order_1", display_id: 12, status: "pending" },
  medusa: { payment_id: "pay_1", captured: "2600.99", refunded: "0.00" },
  refunds: { bank: "100.16", pending: "0.00", offline: "50.00", unknown: 0 },
  disagree: false,
  needs_attention: [],
  auto_refund_at: null,
  history: [],
  ...patch,
})

describe("the accountant's CSV", () => {
  it("one line a bank order, hryvnias with two decimals", () => {
    expect(paymentsCsv([row({})]).split("\r\n")).toEqual([
      CSV_HEADER.join(","),
      "2026-12-01T10:00:00.000Z,1796189294724tghh,536012345678,12,captured,UAH,2600.99,100.16,50.00,",
      "",
    ])
  })

  it("a cell a spreadsheet would run as a formula is made text; commas and quotes are quoted", () => {
    const line = paymentsCsv([row({ hpp_order_id: "=HYPERLINK(\"x\")", rrn: "a,b", needs_attention: ["paid_without_order", "refund_outcome"] })]).split("\r\n")[1]
    expect(line).toBe(`2026-12-01T10:00:00.000Z,"'=HYPERLINK(""x"")","a,b",12,captured,UAH,2600.99,100.16,50.00,paid_without_order refund_outcome`)
  })
})

describe("what Medusa's refunds must add up to", () => {
  it("refunds the bank made or is making, and offline ones; not those of unknown outcome or declined", () => {
    const refunds = ["succeeded", "pending", "recorded", "unknown", "requested", "failed"].map((state, i) => ({ bank_order_id: "a", state, coin_amount: 10 ** i }))
    expect(movedKopecks([...refunds, { bank_order_id: "b", state: "succeeded", coin_amount: 7 }], "a")).toBe(1 + 10 + 100)
  })
})
