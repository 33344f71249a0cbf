import { describe, expect, it } from "vitest"
import type { BankOperation, BankOrderStatus } from "../../src/core/bank"
import { classifyBankOrder, completionBounds, holdUrgency, nextCheckAt } from "../../src/core/bank-state"
import { SESSION_STATUS, WEBHOOK_ACTION } from "../../src/providers/alliance-pay/medusa-status"
import { parseProviderOptions } from "../../src/core/checkout/options"

/** Two-step card payments (PREAUTH + COMPLETION): the state tables and the bank's rules, pure. */

const expected = { merchantId: "m-1", merchantRequestId: "r-1", coinAmount: 25000, currencyNumeric: "980" }
const NOW = Date.parse("2026-01-10T10:00:00Z")
const approved = { actionCode: "0", responseCode: "00", description: "approved" }
const hold = (preAuthExpDate = "2026-01-17 10:00:00.00+00:00", extra: Partial<BankOperation> = {}) =>
  ({ type: "PREAUTH", status: "SUCCESS", operationId: "hold-1", coinAmount: 25000, transactionResponseInfo: approved, preAuthExpDate, ...extra }) as BankOperation
const completion = (coinAmount: number, extra: Partial<BankOperation> = {}) =>
  ({ type: "COMPLETION", status: "SUCCESS", operationId: "done-1", coinAmount, preauthOperationId: "hold-1", transactionResponseInfo: approved, ...extra }) as BankOperation
const order = (operations: BankOperation[]): BankOrderStatus =>
  ({ hppOrderId: "h", merchantId: "m-1", merchantRequestId: "r-1", orderStatus: "SUCCESS", coinAmount: 25000, expiredOrderDate: "2026-01-10 11:00:00.00+00:00", operations }) as BankOrderStatus

describe("a hold, read from the bank", () => {
  it("a successful PREAUTH is authorized, with the hold to complete; Medusa hears 'authorized'", () => {
    const c = classifyBankOrder(order([hold()]), expected, NOW)
    expect(c).toMatchObject({ state: "authorized", hold: { operationId: "hold-1" } })
    expect(c.purchase).toBeUndefined()
    expect([SESSION_STATUS.authorized, WEBHOOK_ACTION.authorized]).toEqual(["authorized", "authorized"])
  })

  it("its COMPLETION makes it captured for the completed amount; refunds go against the completion", () => {
    const c = classifyBankOrder(order([hold(), completion(21000)]), expected, NOW)
    expect(c).toMatchObject({ state: "captured", purchase: { operationId: "done-1", coinAmount: 21000 }, hold: { operationId: "hold-1" } })
  })

  it("a failed completion leaves it authorized; one for another hold does not count", () => {
    expect(classifyBankOrder(order([hold(), completion(25000, { status: "FAIL" })]), expected, NOW).state).toBe("authorized")
    expect(classifyBankOrder(order([hold(), completion(25000, { preauthOperationId: "other" })]), expected, NOW).state).toBe("authorized")
  })

  it("past its preAuthExpDate (and the grace) an uncompleted hold is expired: the bank released it", () => {
    const past = hold("2026-01-10 09:59:00.00+00:00")
    expect(classifyBankOrder(order([past]), expected, NOW)).toMatchObject({ state: "expired", reason: expect.stringMatching(/released/) })
    expect(classifyBankOrder(order([past]), expected, NOW, 5 * 60_000).state).toBe("authorized")
    expect(classifyBankOrder(order([past, completion(25000)]), expected, NOW).state).toBe("captured")
  })

  it("a hold for another amount than we asked is a mismatch; a declined PREAUTH is failed", () => {
    expect(classifyBankOrder(order([hold(undefined, { coinAmount: 24000 })]), expected, NOW).state).toBe("mismatch")
    expect(classifyBankOrder(order([hold(undefined, { status: "FAIL" })]), expected, NOW).state).toBe("failed")
  })
})

describe("the bank's rules for a hold", () => {
  it("a completion takes 80–120 % of the hold, in whole kopecks rounded inwards", () => {
    expect(completionBounds(25000)).toEqual({ min: 20000, max: 30000 })
    expect(completionBounds(260099)).toEqual({ min: 208080, max: 312118 })
    expect(completionBounds(1)).toEqual({ min: 1, max: 1 })
  })

  it("an authorized hold is read again when the bank releases it, not on the backoff", () => {
    const releasedAt = NOW + 7 * 24 * 3600_000
    expect(nextCheckAt({ state: "authorized", checkCount: 3, openRefunds: false, now: NOW, holdReleasedAt: releasedAt })).toEqual(new Date(releasedAt))
    expect(nextCheckAt({ state: "authorized", checkCount: 0, openRefunds: false, now: NOW, holdReleasedAt: NOW - 1 })).toEqual(new Date(NOW))
  })

  it("the panel warns from a day before the end", () => {
    expect(holdUrgency(new Date(NOW + 25 * 3600_000), NOW)).toBe("ok")
    expect(holdUrgency(new Date(NOW + 23 * 3600_000), NOW)).toBe("expiring")
    expect(holdUrgency(new Date(NOW - 1), NOW)).toBe("expired")
    expect(holdUrgency(null, NOW)).toBeNull()
  })
})

describe("provider options: captureMode", () => {
  const base = { successUrl: "https://s.ua/r", backendUrl: "https://a.ua" }
  it("defaults to automatic, with a week-long hold for manual", () => {
    expect(parseProviderOptions(base)).toMatchObject({ captureMode: "automatic", holdLifetimeHours: 168 })
    expect(parseProviderOptions({ ...base, captureMode: "manual", holdLifetimeHours: 48 })).toMatchObject({ captureMode: "manual", holdLifetimeHours: 48 })
  })
  it("says what to fix", () => {
    expect(() => parseProviderOptions({ ...base, captureMode: "later" })).toThrow(/captureMode must be "automatic" or "manual"/)
    expect(() => parseProviderOptions({ ...base, captureMode: "manual", holdLifetimeHours: 1 })).toThrow(/at least 3/)
    expect(() => parseProviderOptions({ ...base, captureMode: "manual", holdLifetimeHours: 700 })).toThrow(/at most 648/)
  })
})
