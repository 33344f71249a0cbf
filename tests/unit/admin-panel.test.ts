import { describe, expect, it } from "vitest"
import { en } from "../../src/admin/i18n/en"
import { uk } from "../../src/admin/i18n/uk"
import { AlliancePayError } from "../../src/core/bank"
import { bankRefusal, describeChange, presentBankOrder } from "../../src/workflows/admin-views"
import { connectionStatusOf } from "../../src/modules/alliance-pay/connection-status"
import { LockTimeoutError } from "../../src/modules/alliance-pay/service"
import type { BankOrderRecord, BankRefundRecord } from "../../src/modules/alliance-pay/types"

const bankError = (kind: AlliancePayError["kind"], msgCode = "b_x", msgText = "text") => new AlliancePayError({ kind, msgCode, msgText })

describe("describeChange", () => {
  it("says when nothing changed, in words", () => {
    expect(describeChange({ changed: false, previous: "captured", state: "captured", actions: [], refunds: [] })).toBe(
      "No change: the bank still reports the payment as paid."
    )
  })

  it("names the transition and what Medusa did", () => {
    const text = describeChange({
      changed: true,
      previous: "in_progress",
      state: "captured",
      actions: [{ type: "captured_payment", id: "pay_1" }],
      refunds: [],
    })
    expect(text).toBe("The payment went from being confirmed by the bank to paid. The payment was captured on the order.")
  })

  it("reports refunds that settled", () => {
    const text = describeChange({ changed: true, previous: "captured", state: "captured", actions: [], refunds: [{ id: "aprfd_1", from: "pending", to: "succeeded" }] })
    expect(text).toBe("Refund aprfd_1 went from pending to succeeded.")
  })
})

describe("bankRefusal", () => {
  it.each([
    ["timeout", 424, "bank_unreachable"],
    ["transient", 424, "bank_unreachable"],
    ["protocol", 424, "bank_unreadable"],
    ["session", 422, "bank_session_rejected"],
    ["config", 422, "bank_session_rejected"],
    ["business", 422, "bank_refused"],
    ["request", 400, "invalid_data"],
  ] as const)("a %s error is a %i %s", (kind, status, type) => {
    const refusal = bankRefusal(bankError(kind, "b_code", "the words"))!
    expect(refusal.status).toBe(status)
    expect(refusal.body.type).toBe(type)
    expect(refusal.body.message.length).toBeGreaterThan(20)
  })

  it("a lock held too long is a 409, anything else is not ours to map", () => {
    expect(bankRefusal(new LockTimeoutError("x"))?.status).toBe(409)
    expect(bankRefusal(new Error("boom"))).toBeUndefined()
  })
})

describe("connectionStatusOf", () => {
  const now = Date.parse("2026-01-10T10:00:00Z")

  it("is connected only with a token that has not expired, and never shows the token", () => {
    const row = {
      id: "apdev_x",
      sealed_credentials: "v1.secret-sealed",
      expires_at: new Date(now + 60_000),
      obtained_at: new Date(now - 60_000),
      last_error: null,
      last_error_at: null,
    }
    const status = connectionStatusOf(row, now)
    expect(status).toEqual({
      connected: true,
      expires_at: "2026-01-10T10:01:00.000Z",
      obtained_at: "2026-01-10T09:59:00.000Z",
      last_error: null,
      last_error_at: null,
    })
    expect(JSON.stringify(status)).not.toMatch(/secret/)
    expect(connectionStatusOf({ ...row, expires_at: new Date(now - 1) }, now).connected).toBe(false)
    expect(connectionStatusOf(undefined, now)).toMatchObject({ connected: false, expires_at: null })
  })
})

describe("presentBankOrder", () => {
  const record = {
    id: "apord_1",
    merchant_request_id: "mr-secret-ish",
    hpp_order_id: "1767000000000AbCdEfGhIjK",
    provider_id: "alliancepay_alliancepay",
    payment_session_id: "payses_1",
    cart_id: "cart_1",
    coin_amount: 135049,
    currency_code: "uah",
    state: "captured",
    bank_status: "SUCCESS",
    redirect_url: "https://bank/hpp/x",
    status_url: "https://bank/status/x",
    expires_at: new Date("2026-01-10T10:00:00Z"),
    purchase_operation_id: "op-1",
    operations: [
      {
        type: "PURCHASE",
        status: "SUCCESS",
        coin_amount: 135049,
        rrn: "123",
        approval_code: "A1",
        card_mask: "4111****1111",
        payment_method: "CARD",
        payment_system: "Visa",
        description: "approved",
        error_details: null,
        created_at: "2026-01-10 11:00:00.12+02:00",
        modified_at: null,
      },
    ],
    failure_reason: null,
    last_synced_at: new Date("2026-01-10T09:00:00Z"),
  } as unknown as BankOrderRecord
  const refund = { id: "aprfd_1", bank_order_id: "apord_1", coin_amount: 5000, state: "pending", refund_id: "ref_1", error_details: null } as unknown as BankRefundRecord

  it("gives kopecks as exact decimals, bank dates as ISO, and only the panel's own fields", () => {
    const view = presentBankOrder(record, [refund, { ...refund, id: "aprfd_2", bank_order_id: "apord_other" }])
    expect(view).toMatchObject({ amount: "1350.49", currency_code: "uah", expires_at: "2026-01-10T10:00:00.000Z" })
    expect(view.operations[0]).toMatchObject({ amount: "1350.49", time: "2026-01-10T09:00:00.120Z", rrn: "123", approval_code: "A1" })
    expect(view.refunds).toEqual([expect.objectContaining({ id: "aprfd_1", amount: "50.00", state: "pending", medusa_refund_id: "ref_1" })])
    expect(Object.keys(view)).not.toContain("redirect_url")
    expect(Object.keys(view)).not.toContain("merchant_request_id")
  })
})

describe("admin strings", () => {
  const keys = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))

  it("Ukrainian has every English key, each translated", () => {
    expect(keys(uk).sort()).toEqual(keys(en).sort())
    const same = keys(en).filter((k) => k.split(".").reduce((o: any, p) => o[p], en) === k.split(".").reduce((o: any, p) => o[p], uk))
    // the same in both: an abbreviation, the brand, and a range that is only placeholders
    expect(same.sort()).toEqual(["operations.rrn", "panel.title", "settings.activity.runTimes"])
  })
})
