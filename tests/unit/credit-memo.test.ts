import { describe, expect, it } from "vitest"
import { creditMemoBody, emptyForm, previewCreditMemo } from "../../src/admin/lib/credit-memo-form"
import { lineKopecks, memoOutcome, memoTotalKopecks, planCreditMemo, unitKopecks, type OrderRefundState } from "../../src/workflows/credit-memo"
import type { OrderCreditMemosView } from "../../src/core/credit-memo/types"

describe("credit memo amounts (kopecks)", () => {
  it("spreads an item's total over its units so that every unit refunded returns exactly the total", () => {
    // 100.00 for 3 units: 33.33 + 33.34 + 33.33, in whatever memos they are refunded
    expect(unitKopecks(10000, 3)).toBe(3333)
    expect([lineKopecks(10000, 3, 0, 1), lineKopecks(10000, 3, 1, 1), lineKopecks(10000, 3, 2, 1)]).toEqual([3333, 3334, 3333])
    expect(lineKopecks(10000, 3, 0, 1) + lineKopecks(10000, 3, 1, 2)).toBe(10000)
    expect(lineKopecks(10000, 3, 0, 3)).toBe(10000)
    expect(lineKopecks(375150, 3, 0, 1)).toBe(125050)
    expect(lineKopecks(10000, 3, 0, 0)).toBe(0)
  })

  it("totals items + shipping + adjustment refund − adjustment fee", () => {
    expect(memoTotalKopecks({ items: 125050, shipping: 9999, adjustmentRefund: 0, adjustmentFee: 33 })).toBe(135016)
    expect(memoTotalKopecks({ items: 0, shipping: 0, adjustmentRefund: 0, adjustmentFee: 1 })).toBe(-1)
  })
})

const state = (overrides: Partial<OrderRefundState> = {}): OrderRefundState => ({
  order: { id: "order_1", display_id: 7, status: "pending", currency_code: "uah" },
  payment: { id: "pay_1", bank_order_id: "apord_1", captured: 385149, refunded: 0 },
  items: [{ item_id: "item_1", title: "Vyshyvanka · M", ordered: 3, total: 375150, refunded_quantity: 0 }],
  shipping: { total: 9999, refunded: 0 },
  memos: [],
  refundable: 385149,
  ...overrides,
})

describe("planCreditMemo", () => {
  it("prices a memo from the order's totals, never from the request", () => {
    const draft = planCreditMemo(state(), { mode: "online", items: [{ item_id: "item_1", quantity: 1 }], shipping: "99.99", adjustment_fee: "0.33", note: "  back  " })
    expect(draft).toMatchObject({
      payment_id: "pay_1",
      bank_order_id: "apord_1",
      lines: [{ item_id: "item_1", title: "Vyshyvanka · M", quantity: 1, unit_kopecks: 125050, kopecks: 125050 }],
      shipping: 9999,
      adjustment_fee: 33,
      total: 135016,
      note: "back",
    })
  })

  it("refuses, naming what to change", () => {
    const refused = (s: OrderRefundState, request: Parameters<typeof planCreditMemo>[1]) => () => planCreditMemo(s, request)
    expect(refused(state({ items: [{ ...state().items[0], refunded_quantity: 2 }] }), { mode: "online", items: [{ item_id: "item_1", quantity: 2 }] })).toThrow(
      "Only 1 of “Vyshyvanka · M” can still be refunded (ordered 3, already refunded 2); 2 were asked"
    )
    expect(refused(state(), { mode: "online", items: [] })).toThrow("must be above zero (it is 0.00 UAH)")
    expect(refused(state({ refundable: 100 }), { mode: "offline", items: [{ item_id: "item_1", quantity: 1 }] })).toThrow(
      "Only 1.00 UAH can still be refunded on this payment; this credit memo totals 1250.50 UAH"
    )
    expect(refused(state({ shipping: { total: 9999, refunded: 9999 } }), { mode: "online", items: [], shipping: "0.01" })).toThrow("Only 0.00 UAH of shipping")
    expect(refused(state({ payment: null }), { mode: "offline", items: [] })).toThrow("has no captured Alliance Pay payment")
    expect(refused(state({ order: { ...state().order, status: "canceled" } }), { mode: "offline", items: [] })).toThrow("is canceled")
  })
})

describe("memoOutcome", () => {
  const refund = (state: string, error_details: string | null = null) => ({ state, error_details, coin_amount: 125049 })

  it("follows the bank refund; a decline after Medusa recorded the refund says what to do", () => {
    expect(memoOutcome(refund("succeeded"), "ref_1", "uah")).toEqual({ status: "refunded", failure_reason: null, warning: null })
    expect(memoOutcome(refund("pending"), "ref_1", "uah").status).toBe("pending")
    expect(memoOutcome(refund("failed", "b_reverse_transaction_failed"), null, "uah")).toEqual({ status: "failed", failure_reason: "b_reverse_transaction_failed", warning: null })
    const late = memoOutcome(refund("failed", "b_reverse_transaction_failed"), "ref_1", "uah")
    expect(late.warning).toMatch(/^Medusa recorded refund ref_1 of 1250.49 UAH when the bank accepted it, but the bank then declined it/)
    expect(memoOutcome(refund("succeeded"), null, "uah").warning).toMatch(/Medusa has no record of it/)
  })
})

describe("the drawer's preview and request", () => {
  const view: OrderCreditMemosView = {
    order_id: "order_1",
    currency_code: "uah",
    can_credit: true,
    items: [{ item_id: "item_1", title: "Vyshyvanka · M", unit_amount: "1250.50", total: "3751.50", ordered: 3, refunded_quantity: 1, refundable_quantity: 2, status: "partially_refunded" }],
    shipping: { total: "99.99", refunded: "0.00", refundable: "99.99" },
    refundable: "2600.99",
    credit_memos: [],
  }

  it("previews what the server will compute, and flags what it would refuse", () => {
    const form = { ...emptyForm(), quantities: { item_1: "2" }, shipping: "99.99", adjustmentFee: "0.5" }
    expect(previewCreditMemo(view, form)).toEqual({ items: 250100, shipping: 9999, adjustmentRefund: 0, adjustmentFee: 50, total: 260049, invalid: [] })
    const bad = { ...emptyForm(), quantities: { item_1: "3" }, shipping: "100", adjustmentRefund: "1.234" }
    expect(previewCreditMemo(view, bad).invalid).toEqual(["item_1", "shipping", "adjustmentRefund"])
  })

  it("sends quantities and typed amounts only", () => {
    const form = { ...emptyForm(), quantities: { item_1: "1", item_2: "0" }, shipping: " 99.99 ", reasonId: "refr_1", note: "" }
    expect(creditMemoBody("offline", form)).toEqual({
      mode: "offline",
      items: [{ item_id: "item_1", quantity: 1 }],
      shipping: "99.99",
      adjustment_refund: undefined,
      adjustment_fee: undefined,
      refund_reason_id: "refr_1",
      note: undefined,
    })
  })
})
