import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import { describe, it, expect } from "vitest"
import { AlliancePayError, classifyBankCode, isAlliancePayError } from "../../src/core/bank/errors"

describe("classifyBankCode (api §3.5, §9)", () => {
  it.each([
    ["b_expired_token", 401],
    ["b_used_token", 401],
    ["b_used_token", 200], // [Woo] re-auths on this code at any status
    ["b_auth_token_expired", 401],
    ["b_previous_auth_token_expired", 401],
    ["b_session_doesnt_exist", undefined], // EN spelling
    ["b_session_doesnt_exists", undefined], // UA spelling
    ["b_session_doesnt_exist", 200],
    ["b_session_doesnt_exists", 400],
    ["b_unknown_device", undefined],
    ["b_virtual_device_not_found", 200],
    ["b_refresh_token_absent", 200],
  ] as const)("%s (HTTP %s) → session", (code, status) => {
    expect(classifyBankCode(code, status)).toBe("session")
  })

  it("any other HTTP 401 is a session problem", () => {
    expect(classifyBankCode("b_something_new", 401)).toBe("session")
    expect(classifyBankCode("", 401)).toBe("session")
  })

  it.each([["b_merchant_not_found"], ["b_terminal_not_found"], ["b_txn_not_allowed"], ["b_user_merchant_request_mismatch"]])(
    "%s → config",
    (code) => {
      expect(classifyBankCode(code, 200)).toBe("config")
      expect(classifyBankCode(code, 400)).toBe("config")
      expect(classifyBankCode(code)).toBe("config")
    }
  )

  it.each([
    ["b_server_is_overloaded", 503],
    ["b_overload_error", 200],
    ["b_service_unavailable", 404],
    ["b_unknown_error", 500],
    ["b_something_new", 500],
    ["b_something_new", 502],
    ["b_something_new", 503],
    ["", 504],
  ] as const)("%s (HTTP %s) → transient", (code, status) => {
    expect(classifyBankCode(code, status)).toBe("transient")
  })

  it("b_hpp_order_expired (HTTP 500) is business: a new order is needed, retrying will not help", () => {
    expect(classifyBankCode("b_hpp_order_expired", 500)).toBe("business")
    expect(classifyBankCode("b_hpp_order_expired")).toBe("business")
  })

  it.each([
    ["b_payment_invalid_refund_amount", 200],
    ["b_payment_invalid_refund_status", 200],
    ["b_payment_refund_not_supported", 200],
    ["b_hpp_order_not_found", 404],
    ["payment_operation_not_found", 404],
    ["b_duplicate_field_value", 400],
    ["b_request_is_not_correct", 400],
    ["b_operation_not_found", 200],
  ] as const)("%s (HTTP %s) → business", (code, status) => {
    expect(classifyBankCode(code, status)).toBe("business")
  })
})

describe("AlliancePayError", () => {
  const init = {
    kind: "business" as const,
    msgCode: "b_hpp_order_not_found",
    msgText: "@The HPP order not found",
    httpStatus: 404,
    requestId: "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d",
    path: BANK_PATHS.orderOperations,
  }

  it("the message names the code, text, HTTP status and path", () => {
    const e = new AlliancePayError(init)
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe("AlliancePayError")
    expect(e.message).toContain("b_hpp_order_not_found")
    expect(e.message).toContain("@The HPP order not found")
    expect(e.message).toContain("HTTP 404")
    expect(e.message).toContain(BANK_PATHS.orderOperations)
  })

  it("the message has no HTTP part when the status is unknown", () => {
    const e = new AlliancePayError({ kind: "timeout", msgCode: "timeout", msgText: "no answer in 20000 ms" })
    expect(e.message).toBe("Alliance Pay timeout: no answer in 20000 ms")
  })

  it("toJSON has the fields (and survives JSON.stringify)", () => {
    const e = new AlliancePayError({ ...init, cause: new Error("socket hang up") })
    expect(e.toJSON()).toEqual({ name: "AlliancePayError", ...init })
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: "AlliancePayError", ...init })
    expect(e.cause).toBeInstanceOf(Error)
    expect(JSON.stringify(e)).not.toContain("socket hang up")
  })

  it("isAlliancePayError", () => {
    expect(isAlliancePayError(new AlliancePayError(init))).toBe(true)
    expect(isAlliancePayError(new Error("x"))).toBe(false)
    expect(isAlliancePayError({ ...init, name: "AlliancePayError" })).toBe(false)
    expect(isAlliancePayError(undefined)).toBe(false)
  })
})
