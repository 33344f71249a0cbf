import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AlliancePayClient, AlliancePayError, BANK_PATHS, type CreateOrderInput } from "../../src/core/bank"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { SESSION_ERROR_CODES } from "../../src/sandbox/options"

/** Every documented error path, driven through the sandbox over HTTP and read by the client. */

let sandbox: Sandbox
let client: AlliancePayClient

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

interface LoggedCall {
  path: string
  httpStatus: number | null
  msgCode: string | null
}
const calls = async (): Promise<LoggedCall[]> => (await control("GET", "/calls")).calls
const summary = async () => (await calls()).map((c) => `${c.path === BANK_PATHS.authorize ? "authorize" : c.path.split("/").pop()} ${c.httpStatus}${c.msgCode ? ` ${c.msgCode}` : ""}`)

function newClient() {
  return new AlliancePayClient({
    baseUrl: sandbox.url,
    serviceCode: sandbox.merchant.serviceCode,
    merchantId: sandbox.merchant.merchantId,
    merchantPrivateKey: sandbox.merchant.privateJwk,
    timeoutMs: 5000,
  })
}

const order = (extra: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
  merchantRequestId: randomUUID(),
  coinAmount: 10000,
  successUrl: "http://127.0.0.1:9/ok",
  failUrl: "http://127.0.0.1:9/fail",
  customer: { customerId: "cus_1" },
  ...extra,
})

async function paid(coinAmount = 10000) {
  const created = await client.createOrder(order({ coinAmount }))
  await control("POST", `/orders/${created.hppOrderId}/pay`, { outcome: "SUCCESS" })
  const purchase = (await client.getOrder(created.hppOrderId)).operations.find((o) => o.type === "PURCHASE")!
  return { created, operationId: purchase.operationId! }
}

async function caught(p: Promise<unknown>): Promise<AlliancePayError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AlliancePayError)
    return e as AlliancePayError
  }
  throw new Error("expected the call to fail")
}

beforeAll(async () => {
  sandbox = await startSandbox({ refundSettleAfterMs: null })
  client = newClient()
})
afterAll(() => sandbox?.close())
beforeEach(async () => {
  await control("POST", "/reset")
  client = newClient()
})

describe("re-authorization codes, both spellings, as the bank answers them", () => {
  it.each(SESSION_ERROR_CODES.map((c) => [c]))("a session replaced by another authorization answers %s: one re-authorization, then success", async (code) => {
    await control("PATCH", "/config", { replacedSessionCode: code })
    const { created } = await paid()
    await newClient().authorizeDevice() // another process of the shop: our session is now the previous one
    await control("DELETE", "/calls")
    expect((await client.getOrder(created.hppOrderId)).orderStatus).toBe("SUCCESS")
    expect(await summary()).toEqual([`operations 401 ${code}`, "authorize 200", "operations 200"])
  })

  it.each([["b_expired_token"], ["b_previous_auth_token_expired"], ["b_auth_token_expired"]])(
    "a session past its expiry answers %s: one re-authorization, then success",
    async (code) => {
      await control("PATCH", "/config", { expiredSessionCode: code })
      const { created } = await paid()
      await control("POST", "/session/expire", {})
      await control("DELETE", "/calls")
      expect((await client.getOrder(created.hppOrderId)).orderStatus).toBe("SUCCESS")
      expect(await summary()).toEqual([`operations 401 ${code}`, "authorize 200", "operations 200"])
    }
  )

  it.each([
    ["b_unknown_device", 401],
    ["b_virtual_device_not_found", 200],
    ["b_refresh_token_absent", 200],
    ["b_session_doesnt_exists", 401],
  ] as const)("%s (HTTP %i) from the bank: one re-authorization, then success", async (code, httpStatus) => {
    const { created } = await paid()
    await control("POST", "/faults", { path: BANK_PATHS.orderOperations, kind: "error", msgCode: code, httpStatus })
    await control("DELETE", "/calls")
    expect((await client.getOrder(created.hppOrderId)).orderStatus).toBe("SUCCESS")
    expect(await summary()).toEqual([`operations ${httpStatus} ${code}`, "authorize 200", "operations 200"])
  })

  it("a service code closed after 200 idle days: b_auth_token_expired on the call and on authorize → a clear configuration error, no loop", async () => {
    const { created } = await paid()
    await control("PATCH", "/config", { serviceClosed: true })
    await control("DELETE", "/calls")
    const error = await caught(client.getOrder(created.hppOrderId))
    expect(error).toMatchObject({ kind: "config", msgCode: "b_auth_token_expired" })
    expect(error.msgText).toMatch(/200 days/)
    expect(await summary()).toEqual(["operations 401 b_auth_token_expired", "authorize 401 b_auth_token_expired"])
    await control("PATCH", "/config", { serviceClosed: false })
    expect((await client.getOrder(created.hppOrderId)).orderStatus).toBe("SUCCESS")
  })
})

describe("refund refusals inside the JWE", () => {
  it.each([true, false])("the bank's refusals reach the caller with their codes (inside the JWE: %s)", async (inJwe) => {
    await control("PATCH", "/config", { refundErrorsInJwe: inJwe })
    const { operationId } = await paid(10000)
    const over = await caught(client.refund({ merchantRequestId: randomUUID(), operationId, coinAmount: 10001 }))
    expect(over).toMatchObject({ kind: "business", msgCode: "b_payment_invalid_refund_amount", httpStatus: 200 })
    const unknown = await caught(client.refund({ merchantRequestId: randomUUID(), operationId: "1700000000000AAAAAAAAAAA", coinAmount: 100 }))
    expect(unknown.msgCode).toBe("b_operation_not_found")
    const first = randomUUID()
    await client.refund({ merchantRequestId: first, operationId, coinAmount: 100 })
    const dup = await caught(client.refund({ merchantRequestId: first, operationId, coinAmount: 100 }))
    expect(dup.msgCode).toBe("b_duplicate_field_value")
    const failedOrder = await client.createOrder(order())
    await control("POST", `/orders/${failedOrder.hppOrderId}/pay`, { outcome: "FAIL" })
    const failedOp = (await client.getOrder(failedOrder.hppOrderId)).operations[0].operationId!
    const status = await caught(client.refund({ merchantRequestId: randomUUID(), operationId: failedOp, coinAmount: 100 }))
    expect(status.msgCode).toBe("b_payment_invalid_refund_status")
  })

  it("an encrypted b_reverse_transaction_failed fault is a business error with the bank's code", async () => {
    const { operationId } = await paid()
    await control("POST", "/faults", { path: BANK_PATHS.refund, kind: "error", msgCode: "b_reverse_transaction_failed", jwe: true })
    const error = await caught(client.refund({ merchantRequestId: randomUUID(), operationId, coinAmount: 100 }))
    expect(error).toMatchObject({ kind: "business", msgCode: "b_reverse_transaction_failed" })
  })

  it("an encrypted b_used_token → one re-authorization, the refund re-encrypted for the new key, then success", async () => {
    const { operationId } = await paid()
    await control("POST", "/faults", { path: BANK_PATHS.refund, kind: "error", msgCode: "b_used_token", httpStatus: 200, jwe: true })
    await control("DELETE", "/calls")
    const refund = await client.refund({ merchantRequestId: randomUUID(), operationId, coinAmount: 100 })
    expect(refund).toMatchObject({ type: "REFUND", status: "PENDING" })
    expect(await summary()).toEqual(["refund 200 b_used_token", "authorize 200", "refund 200"])
  })

  it("the refund's merchantComment carrying a bank order id with _ is sent in the bank's charset (the sandbox refuses anything else)", async () => {
    const { operationId } = await paid()
    const refund = await client.refund({ merchantRequestId: randomUUID(), operationId, coinAmount: 100, merchantComment: "Refund of 1762952144215CrdMyJEw_AI" })
    expect(refund.status).toBe("PENDING")
    const sent = (await control("GET", `/calls?path=${encodeURIComponent(BANK_PATHS.refund)}`)).calls.at(-1).body
    expect(sent.merchantComment).toBe("Refund of 1762952144215CrdMyJEw-AI")
  })

  it("the sandbox's fault control refuses jwe on a fault that is not an error body", async () => {
    await expect(control("POST", "/faults", { kind: "5xx", jwe: true })).rejects.toThrow(/400.*jwe applies to kind/)
    await expect(control("PATCH", "/config", { replacedSessionCode: "b_nope" })).rejects.toThrow(/replacedSessionCode must be one of/)
  })
})
