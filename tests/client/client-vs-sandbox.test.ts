import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AlliancePayClient, AlliancePayError, InMemorySessionStore, BANK_PATHS, type CreateOrderInput } from "../../src/core/bank"
import { startSandbox, type Sandbox } from "../../src/sandbox"

let sandbox: Sandbox
let client: AlliancePayClient

async function control(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
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
  session: string
  httpStatus: number | null
  msgCode?: string
  body?: Record<string, unknown>
}
// the sandbox's log says how each call was answered; `httpStatus` is null for calls never answered
const calls = async (path?: string): Promise<LoggedCall[]> => {
  const log = await control(`/calls`)
  const list: LoggedCall[] = Array.isArray(log) ? log : log.calls
  return path ? list.filter((c) => c.path === path) : list
}

function newClient(extra: Partial<ConstructorParameters<typeof AlliancePayClient>[0]> = {}) {
  return new AlliancePayClient({
    baseUrl: sandbox.url,
    serviceCode: sandbox.merchant.serviceCode,
    merchantId: sandbox.merchant.merchantId,
    merchantPrivateKey: JSON.stringify(sandbox.merchant.privateJwk),
    ...extra,
  })
}

const order = (extra: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
  merchantRequestId: randomUUID(),
  coinAmount: 12550,
  successUrl: "http://127.0.0.1:9/shop/success",
  failUrl: "http://127.0.0.1:9/shop/fail",
  customer: { customerId: "cus_01", firstName: "Тарас", lastName: "Шевченко", email: "taras@example.ua" },
  ...extra,
})

async function paidOrder(coinAmount = 12550) {
  const created = await client.createOrder(order({ coinAmount }))
  await control(`/orders/${created.hppOrderId}/pay`, { outcome: "SUCCESS" })
  const status = await client.getOrder(created.hppOrderId)
  const purchase = status.operations.find((o) => o.type === "PURCHASE" && o.status === "SUCCESS")!
  return { created, purchase }
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
  sandbox = await startSandbox({ port: 0, refundSettleAfterMs: null, callbackRetryScheduleMs: [50, 100, 200] })
  client = newClient()
})
afterAll(() => sandbox?.close())
beforeEach(async () => {
  await control("/faults", undefined, "DELETE")
  await control("/calls", undefined, "DELETE")
})

describe("device authorization", () => {
  it("authorizes with the service code and keeps deviceId, refreshToken, serverPublic and expiry", async () => {
    const session = await client.authorizeDevice()
    expect(session.deviceId).toMatch(/\S/)
    expect(session.refreshToken).toMatch(/\S/)
    expect(session.serverPublic).toMatchObject({ kty: "EC", crv: "P-384" })
    expect(session.expiresAt - Date.now()).toBeGreaterThan(23 * 3600_000)
    const log = await calls(BANK_PATHS.authorize)
    expect(log).toHaveLength(1)
    expect(log[0].session).toBe("none")
  })

  it("an unknown service code is a clear configuration error", async () => {
    const wrong = newClient({ serviceCode: randomUUID() })
    const error = await caught(wrong.getOrder("1767000000000AbCdEfGhIjK"))
    expect(error.kind).toBe("config")
    expect(error.message).toMatch(/authorize/)
  })

  it("a wrong merchant key cannot read the bank's answer and says so", async () => {
    const { generateEcKeyPair } = await import("../../src/core/bank/jwe")
    const other = newClient({ merchantPrivateKey: (await generateEcKeyPair()).privateJwk })
    const error = await caught(other.authorizeDevice())
    expect(error.kind).toBe("protocol")
    expect(error.msgText).toMatch(/merchant private key/)
    await client.authorizeDevice() // that authorization replaced our session at the bank, as a real one would
  })
})

describe("create-order, operations, refund", () => {
  it("creates an order and never sends empty optional fields", async () => {
    const input = order({
      purpose: "   ",
      merchantComment: "",
      language: "ru", // not a bank language: dropped, the bank defaults to uk
      customer: { customerId: "cus_01", firstName: "", lastName: null, email: "not-an-email", phone: "+380 (63) 000-00-00", city: "" },
    })
    const created = await client.createOrder(input)
    expect(created.hppOrderId).toMatch(/^\d{13}[\w-]{11}$/)
    expect(created.orderStatus).toBe("PENDING")
    expect(created.redirectUrl.startsWith(sandbox.url)).toBe(true)
    const [sent] = await calls(BANK_PATHS.createOrder)
    expect(sent.httpStatus).toBe(200)
    const body = sent.body!
    expect(body).not.toHaveProperty("purpose")
    expect(body).not.toHaveProperty("merchantComment")
    expect(body).not.toHaveProperty("language")
    expect(body).not.toHaveProperty("notificationUrl")
    expect(body.customerData).toEqual({ senderCustomerId: "cus_01", senderPhone: "380630000000" })
    expect(JSON.stringify(body)).not.toMatch(/null|""/)
  })

  it("reads the order and its operations after the shopper pays", async () => {
    const { created, purchase } = await paidOrder()
    const status = await client.getOrder(created.hppOrderId)
    expect(status.orderStatus).toBe("SUCCESS")
    expect(status.coinAmount).toBe(12550)
    expect(status.merchantId).toBe(sandbox.merchant.merchantId)
    expect(purchase.operationId).toMatch(/\S/)
    expect(purchase.coinAmount).toBe(12550)
    expect(await client.getOperation(purchase.operationId!)).toMatchObject({ type: "PURCHASE", status: "SUCCESS" })
  })

  it("refunds partially (bank PENDING), settles later, and finds the refund by our merchantRequestId", async () => {
    const { created, purchase } = await paidOrder()
    const merchantRequestId = randomUUID()
    const refund = await client.refund({ merchantRequestId, operationId: purchase.operationId!, coinAmount: 5000 })
    expect(refund).toMatchObject({ type: "REFUND", status: "PENDING", coinAmount: 5000 })
    const [sent] = await calls(BANK_PATHS.refund)
    expect(sent.body).toMatchObject({ merchantRequestId, merchantId: sandbox.merchant.merchantId, coinAmount: 5000 })
    expect(String(sent.body!.date)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}\+00:00$/)
    await control(`/refunds/${merchantRequestId}/settle`, { status: "SUCCESS" })
    expect(await client.getOperationByMerchantRequestId(merchantRequestId)).toMatchObject({ type: "REFUND", status: "SUCCESS" })
    const status = await client.getOrder(created.hppOrderId)
    expect(status.operations.filter((o) => o.type === "REFUND").map((o) => o.status)).toEqual(["SUCCESS"])
  })

  it("honours the bank's kopeck test amounts for refunds (16 → SUCCESS, 17 → FAIL)", async () => {
    const { purchase } = await paidOrder()
    const ok = await client.refund({ merchantRequestId: randomUUID(), operationId: purchase.operationId!, coinAmount: 116 })
    expect(ok.status).toBe("SUCCESS")
    const failed = await client.refund({ merchantRequestId: randomUUID(), operationId: purchase.operationId!, coinAmount: 117 })
    expect(failed.status).toBe("FAIL")
  })

  it("a refund above what is left is refused by the bank with its code (HTTP 200 error body)", async () => {
    const { purchase } = await paidOrder(10000)
    await client.refund({ merchantRequestId: randomUUID(), operationId: purchase.operationId!, coinAmount: 6000 })
    const error = await caught(client.refund({ merchantRequestId: randomUUID(), operationId: purchase.operationId!, coinAmount: 4001 }))
    expect(error).toMatchObject({ kind: "business", msgCode: "b_payment_invalid_refund_amount", httpStatus: 200 })
  })

  it("invalid input is refused before anything is sent", async () => {
    await expect(client.createOrder(order({ coinAmount: 12.5 }))).rejects.toMatchObject({ kind: "request" })
    await expect(client.createOrder(order({ merchantRequestId: "x".repeat(37) }))).rejects.toMatchObject({ kind: "request" })
    await expect(client.createOrder(order({ customer: { customerId: " " } }))).rejects.toMatchObject({ kind: "request" })
    await expect(client.refund({ merchantRequestId: randomUUID(), operationId: "op", coinAmount: 0 })).rejects.toMatchObject({ kind: "request" })
    expect(await calls()).toEqual([])
  })
})

describe("faults", () => {
  it("5xx → a transient error with the HTTP status", async () => {
    await control("/faults", { path: BANK_PATHS.createOrder, kind: "5xx", count: 1 })
    const error = await caught(client.createOrder(order()))
    expect(error.kind).toBe("transient")
    expect(error.httpStatus).toBe(503)
    await expect(client.createOrder(order())).resolves.toHaveProperty("hppOrderId")
  })

  it("no answer in time → a timeout error that says the outcome is unknown", async () => {
    // the sandbox holds this answer for a minute: only a client that gives up can finish this test
    await control("/faults", { path: BANK_PATHS.orderOperations, kind: "timeout", count: 1 })
    const impatient = newClient({ timeoutMs: 1000 })
    const error = await caught(impatient.getOrder("1767000000000AbCdEfGhIjK"))
    expect(error).toMatchObject({ kind: "timeout", msgCode: "client_timeout" })
    expect(error.msgText).toMatch(/unknown/)
  })

  it("an error body with HTTP 200 is an error, not a success", async () => {
    await control("/faults", { path: BANK_PATHS.createOrder, kind: "error", msgCode: "b_merchant_not_found", msgText: "@Merchant not found", httpStatus: 200 })
    const error = await caught(client.createOrder(order()))
    expect(error).toMatchObject({ kind: "config", msgCode: "b_merchant_not_found", httpStatus: 200, msgText: "@Merchant not found" })
  })

  it("the bank's own 404 for an unknown order carries its code and request id", async () => {
    const error = await caught(client.getOrder("1767000000000NoSuchOrder0"))
    expect(error).toMatchObject({ msgCode: "b_hpp_order_not_found", httpStatus: 404, kind: "business" })
    expect(error.requestId).toMatch(/\S/)
  })
})

describe("session protocol", () => {
  it("an expired session → exactly one re-authorization, then the call succeeds", async () => {
    await client.sessions.current()
    await control("/session/expire", {})
    await control("/calls", undefined, "DELETE")
    await expect(client.createOrder(order())).resolves.toHaveProperty("hppOrderId")
    expect(await calls(BANK_PATHS.authorize)).toHaveLength(1)
    expect((await calls(BANK_PATHS.createOrder)).map((c) => c.httpStatus)).toEqual([401, 200])
  })

  it("100 concurrent calls on a session the bank expired → exactly 1 authorization, all succeed", async () => {
    const { created } = await paidOrder()
    await control("/session/expire", {})
    await control("/calls", undefined, "DELETE")
    const results = await Promise.all(Array.from({ length: 100 }, () => client.getOrder(created.hppOrderId)))
    expect(results.every((r) => r.orderStatus === "SUCCESS")).toBe(true)
    expect(await calls(BANK_PATHS.authorize)).toHaveLength(1)
  })

  it("100 concurrent calls on a session past its expiry time → exactly 1 authorization", async () => {
    let offset = 0
    const store = new InMemorySessionStore()
    const shifted = newClient({ sessionStore: store, now: () => Date.now() + offset })
    const { created } = await paidOrder()
    await shifted.sessions.current()
    offset = 25 * 3600_000 // a day later, by this client's clock
    await control("/calls", undefined, "DELETE")
    const results = await Promise.all(Array.from({ length: 100 }, () => shifted.getOrder(created.hppOrderId)))
    expect(results).toHaveLength(100)
    expect(await calls(BANK_PATHS.authorize)).toHaveLength(1)
    expect((await calls(BANK_PATHS.orderOperations)).every((c) => c.httpStatus === 200)).toBe(true)
  })

  it("a second expiry in a row → a clear error, not a loop", async () => {
    await client.sessions.current()
    await control("/faults", { path: BANK_PATHS.orderOperations, kind: "error", msgCode: "b_expired_token", msgText: "@Expired token", httpStatus: 401, count: 2 })
    await control("/calls", undefined, "DELETE")
    const error = await caught(client.getOrder("1767000000000AbCdEfGhIjK"))
    expect(error.kind).toBe("config")
    expect(error.msgText).toMatch(/brand-new device session/)
    expect(await calls(BANK_PATHS.authorize)).toHaveLength(1)
    expect(await calls(BANK_PATHS.orderOperations)).toHaveLength(2)
  })

  it("another process authorizing replaces our session: we re-authorize and re-encrypt the refund for the new server key", async () => {
    const { purchase } = await paidOrder()
    await client.sessions.current()
    await newClient().authorizeDevice() // e.g. a second server with its own memory (what a shared store prevents)
    await control("/calls", undefined, "DELETE")
    const refund = await client.refund({ merchantRequestId: randomUUID(), operationId: purchase.operationId!, coinAmount: 1000 })
    expect(refund.status).toBe("PENDING")
    const tries = await calls(BANK_PATHS.refund)
    expect(tries.map((c) => c.httpStatus)).toEqual([401, 200])
    expect(tries[0].msgCode).toMatch(/^b_session_doesnt_exists?$/)
  })

  it("no secret reaches an error message or its JSON", async () => {
    const session = await client.sessions.current()
    await control("/faults", { path: BANK_PATHS.orderOperations, kind: "error", msgCode: "b_expired_token", httpStatus: 401, count: 2 })
    const errors = [
      await caught(client.getOrder("1767000000000AbCdEfGhIjK")),
      await caught(client.getOrder("1767000000000NoSuchOrder0")),
    ]
    const text = errors.map((e) => `${e.message} ${JSON.stringify(e)} ${String(e.stack)}`).join("\n")
    const now = await client.sessions.current()
    for (const secret of [session.refreshToken, session.deviceId, now.refreshToken, sandbox.merchant.privateJwk.d!]) {
      expect(text).not.toContain(secret)
    }
  })
})

describe("callbacks", () => {
  let hook: Server
  let hookUrl: string
  const received: { headers: Record<string, unknown>; body: string }[] = []

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = ""
      req.on("data", (d) => (body += d))
      req.on("end", () => {
        received.push({ headers: req.headers, body })
        res.end("OK")
      })
    })
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r))
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/payment/alliancepay_alliancepay`
  })
  afterAll(() => new Promise((r) => hook.close(r)))

  async function callbackFor(notificationEncryption: boolean) {
    received.length = 0
    const created = await client.createOrder(order({ notificationUrl: hookUrl, notificationEncryption }))
    await control(`/orders/${created.hppOrderId}/pay`, { outcome: "SUCCESS" })
    for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 50))
    expect(received).toHaveLength(1)
    return { created, delivery: received[0] }
  }

  it("decodes a plain callback", async () => {
    const { created, delivery } = await callbackFor(false)
    expect(String(delivery.headers["content-type"])).toMatch(/json/)
    const callback = await client.decodeCallback(delivery.body)
    expect(callback.hppOrderId).toBe(created.hppOrderId)
    expect(callback.operations.map((o) => [o.type, o.status])).toEqual([["PURCHASE", "SUCCESS"]])
  })

  it("decodes an encrypted callback (text/plain compact JWE) with the merchant key", async () => {
    const { created, delivery } = await callbackFor(true)
    expect(String(delivery.headers["content-type"])).toMatch(/text\/plain/)
    expect(delivery.headers["x-encrypted_body"]).toBe("true")
    expect(delivery.body.split(".")).toHaveLength(5)
    const callback = await client.decodeCallback(Buffer.from(delivery.body))
    expect(callback.hppOrderId).toBe(created.hppOrderId)
    expect(callback.operations[0]).toMatchObject({ type: "PURCHASE", status: "SUCCESS", coinAmount: 12550 })
  })

  it("garbage is a protocol error, never a crash", async () => {
    await expect(client.decodeCallback("not json")).rejects.toMatchObject({ kind: "protocol" })
    await expect(client.decodeCallback("a.b.c.d.e")).rejects.toMatchObject({ kind: "protocol" })
    await expect(client.decodeCallback({ hello: "world" })).rejects.toMatchObject({ kind: "protocol" })
  })
})
