import { describe, expect, it } from "vitest"
import type { BankOperation, BankOrderStatus } from "../../src/core/bank"
import { classifyBankOrder, nextCheckAt, refundableKopecks, refundsByRequestId, refundState, type BankOrderState } from "../../src/core/bank-state"
import { SESSION_STATUS, WEBHOOK_ACTION } from "../../src/providers/alliance-pay/medusa-status"

const expected = { merchantId: "m-1", merchantRequestId: "r-1", coinAmount: 12550, currencyNumeric: "980" }
const NOW = Date.parse("2026-01-10T10:00:00Z")
const future = "2026-01-10 13:00:00.00+02:00"
const past = "2026-01-10 11:59:00.00+02:00"

function order(operations: Partial<BankOperation>[], extra: Partial<BankOrderStatus> = {}): BankOrderStatus {
  return {
    hppOrderId: "1767000000000AbCdEfGhIjK",
    merchantId: "m-1",
    merchantRequestId: "r-1",
    orderStatus: "PENDING",
    coinAmount: 12550,
    expiredOrderDate: future,
    operations: operations.map((o) => ({ type: "PURCHASE", status: "PENDING", ...o }) as BankOperation),
    ...extra,
  } as BankOrderStatus
}

const success = { status: "SUCCESS", operationId: "op-1", coinAmount: 12550, transactionCurrency: "980", transactionResponseInfo: { actionCode: "0", responseCode: "00", description: "approved" } }

describe("classifyBankOrder", () => {
  const cases: [string, BankOrderStatus, BankOrderState][] = [
    ["created, nobody paid yet", order([]), "pending"],
    ["a successful purchase", order([success], { orderStatus: "SUCCESS" }), "captured"],
    ["success without actionCode (test terminals send less)", order([{ status: "SUCCESS", coinAmount: 12550 }]), "captured"],
    ["attempt in progress", order([{ status: "PENDING" }]), "in_progress"],
    ["3DS challenge open", order([{ status: "REQUIRED_3DS" }], { orderStatus: "REQUIRED_3DS" }), "in_progress"],
    ["declined", order([{ status: "FAIL", transactionResponseInfo: { actionCode: "1", responseCode: "05", description: "declined" } }], { orderStatus: "FAIL" }), "failed"],
    ["card without 3DS where MUST was demanded", order([{ status: "DESIRED_THREEDS_MODE_ERROR" }]), "failed"],
    ["order FAIL without operations", order([], { orderStatus: "FAIL" }), "failed"],
    ["expired unpaid", order([], { expiredOrderDate: past }), "expired"],
    ["bank says CANCELED", order([], { orderStatus: "CANCELED" }), "expired"],
    ["in progress past expiry, no grace", order([{ status: "PENDING" }], { expiredOrderDate: past }), "expired"],
    ["fully refunded later: still a captured purchase", order([success, { type: "REFUND", status: "SUCCESS", coinAmount: 12550 }], { orderStatus: "PARTIAL_REFUND" }), "captured"],
    ["unknown bank status is never final", order([], { orderStatus: "SOMETHING_NEW" }), "pending"],
    ["another merchant's order", order([success], { merchantId: "m-2" }), "mismatch"],
    ["another request's order", order([success], { merchantRequestId: "r-2" }), "mismatch"],
    ["order amount differs", order([success], { coinAmount: 100 }), "mismatch"],
    ["payment amount differs", order([{ ...success, coinAmount: 100 }]), "mismatch"],
    ["payment currency differs", order([{ ...success, transactionCurrency: "840" }]), "mismatch"],
    ["SUCCESS with a decline actionCode is not a success", order([{ ...success, transactionResponseInfo: { actionCode: "1" } }]), "pending"],
    ["a success after a failed attempt wins", order([{ status: "FAIL" }, success]), "captured"],
  ]
  for (const [name, answer, state] of cases) {
    it(`${name} → ${state}`, () => expect(classifyBankOrder(answer, expected, NOW).state).toBe(state))
  }

  it("waits a grace period after expiry: the bank may still finish an attempt begun in time", () => {
    const grace = 10 * 60_000
    const expiredAt = Date.parse("2026-01-10T09:59:00Z") // `past`
    expect(classifyBankOrder(order([{ status: "PENDING" }], { expiredOrderDate: past }), expected, NOW, grace).state).toBe("in_progress")
    expect(classifyBankOrder(order([], { expiredOrderDate: past }), expected, NOW, grace).state).toBe("pending")
    expect(classifyBankOrder(order([{ status: "PENDING" }], { expiredOrderDate: past }), expected, expiredAt + grace, grace).state).toBe("expired")
    expect(classifyBankOrder(order([], { expiredOrderDate: past }), expected, expiredAt + grace, grace).state).toBe("expired")
  })

  it("hands back the successful purchase (refunds go against its operationId)", () => {
    expect(classifyBankOrder(order([{ status: "FAIL", operationId: "op-0" }, success]), expected, NOW).purchase?.operationId).toBe("op-1")
  })

  it("explains a decline with the bank's words and a mismatch with what differed", () => {
    expect(classifyBankOrder(order([{ status: "FAIL", transactionResponseInfo: { description: "insufficient funds" } }]), expected, NOW).reason).toMatch(/insufficient funds/)
    expect(classifyBankOrder(order([success], { coinAmount: 100 }), expected, NOW).reason).toMatch(/100 kopecks.*12550/)
  })
})

describe("Medusa mapping tables", () => {
  it("follow the payment-state contract", () => {
    expect(SESSION_STATUS).toEqual({ creating: "error", create_failed: "error", captured: "captured", authorized: "authorized", in_progress: "pending_authorization", pending: "pending", failed: "error", expired: "canceled", mismatch: "error" })
    expect(WEBHOOK_ACTION).toEqual({ creating: "not_supported", create_failed: "not_supported", captured: "captured", authorized: "authorized", in_progress: "pending", pending: "pending", failed: "failed", expired: "canceled", mismatch: "not_supported" })
  })
})

describe("recheck schedule", () => {
  it("re-reads open orders with a growing delay and stops when nothing can change", () => {
    const at = (state: string, checkCount: number, openRefunds = false) => nextCheckAt({ state, checkCount, openRefunds, now: 0 })?.getTime() ?? null
    expect([0, 1, 2, 3, 50].map((n) => at("pending", n))).toEqual([30_000, 60_000, 120_000, 300_000, 3_600_000])
    expect(at("in_progress", 0)).toBe(30_000)
    expect(at("captured", 0)).toBeNull()
    expect(at("captured", 4, true)).toBe(600_000)
    for (const state of ["failed", "expired", "mismatch", "create_failed"]) expect(at(state, 0)).toBeNull()
  })
})

describe("refunds", () => {
  it("maps bank refund statuses, unknown ones stay pending", () => {
    expect(["SUCCESS", "FAIL", "PENDING", "WHATEVER"].map((status) => refundState({ status }))).toEqual(["succeeded", "failed", "pending", "pending"])
  })

  it("keys refund operations by our merchantRequestId", () => {
    const map = refundsByRequestId([
      { type: "PURCHASE", status: "SUCCESS", merchantRequestId: "order" } as BankOperation,
      { type: "REFUND", status: "PENDING", merchantRequestId: "rf-1" } as BankOperation,
      { type: "REFUND", status: "SUCCESS" } as BankOperation,
    ])
    expect([...map.keys()]).toEqual(["rf-1"])
  })

  it("counts what is left: succeeded, pending, requested and unknown refunds all take their share; failed ones do not", () => {
    const refunds = [
      { coin_amount: 1000, state: "succeeded" },
      { coin_amount: 2000, state: "pending" },
      { coin_amount: 300, state: "requested" },
      { coin_amount: 40, state: "unknown" },
      { coin_amount: 5000, state: "failed" },
    ]
    expect(refundableKopecks(12550, refunds)).toBe(12550 - 3340)
    expect(refundableKopecks(1000, refunds)).toBe(0)
  })
})
