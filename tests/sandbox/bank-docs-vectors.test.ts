import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import { randomUUID } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { decryptJson, encryptJson, importPrivateKey, importPublicKey, type EcJwk } from "../../src/core/bank/jwe"
import { formatRefundDate } from "../../src/core/bank/dates"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import fixture from "../fixtures/bank-docs/examples.json"

/**
 * The sandbox against the bank's docs, over HTTP: it accepts every example request (EN and UA)
 * and answers with every field the example answers and callbacks show, in their formats.
 */

type Json = Record<string, any>
const examples = fixture.examples as { name: string; lang: string; role: string; endpoint: string; body: Json; note?: string }[]
const example = (name: string) => structuredClone(examples.find((e) => e.name === name)!.body)
const LANGS = ["en", "ua"] as const

// the docs use one UUID for serviceCode and merchantId (api §11.16): so does this sandbox
const DOCS_MERCHANT = "137d9304-0368-11ed-b939-0242ac120002"

/** Digits masked: "2024.10.23 11:56" and "2026.12.02 07:18" have the same shape. */
const shape = (value: unknown) => String(value).replace(/\d/g, "0").replace(/[+-]00:00$/, "±00:00")
const DATE_KEY = /(Date|DateTime|Expiration)$/

/**
 * Every key the example shows with a value is in `actual`, with the same JSON type, and dates in
 * the same shape. Keys the example shows as null may be absent (the bank's SDK refuses nulls there).
 */
function expectFieldsOf(exampleBody: Json, actual: Json, where: string, skip: string[] = []) {
  const missing: string[] = []
  for (const [key, value] of Object.entries(exampleBody)) {
    if (value === null || skip.includes(key)) continue
    // EN spells the refund's date createDateTime, UA and every client creationDateTime
    const actualKey = key === "createDateTime" && !(key in actual) ? "creationDateTime" : key
    if (!(actualKey in actual)) {
      missing.push(key)
      continue
    }
    expect(Array.isArray(actual[actualKey]) ? "array" : typeof actual[actualKey], `${where}.${key} type`).toBe(
      Array.isArray(value) ? "array" : typeof value
    )
    if (DATE_KEY.test(key) && typeof value === "string") expect(shape(actual[actualKey]), `${where}.${key} format`).toBe(shape(value))
  }
  expect(missing, `${where}: fields of the docs' example missing`).toEqual([])
}

let sandbox: Sandbox
let privateKey: Awaited<ReturnType<typeof importPrivateKey>>
let session: Json
const received: Json[] = []
let receiver: http.Server
let notifyUrl: string

async function post(path: string, body: unknown, extra: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  const res = await fetch(sandbox.url + path, {
    method: "POST",
    headers: {
      "content-type": typeof body === "string" ? "text/plain" : "application/json",
      ...(session ? { "x-api_version": "V1", "x-device_id": session.deviceId, "x-refresh_token": session.refreshToken } : {}),
      ...extra,
    },
    body: text,
  })
  const json = (await res.json()) as Json
  const decrypted = typeof json.jwe === "string" ? ((await decryptJson(json.jwe, privateKey)) as Json) : undefined
  return { status: res.status, body: decrypted ?? json, encrypted: decrypted !== undefined }
}

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(res.status, `${method} ${path}`).toBe(200)
  return (await res.json()) as Json
}

/** The authorize call exactly as the docs' curl makes it: x-api_version "1", no session headers. */
async function authorize() {
  const res = await fetch(sandbox.url + BANK_PATHS.authorize, {
    method: "POST",
    headers: { "x-api_version": "1", "content-type": "application/json" },
    body: JSON.stringify(example("en-authorize-request")),
  })
  expect(res.status).toBe(200)
  session = (await decryptJson(((await res.json()) as Json).jwe, privateKey)) as Json
  return session
}

/** The docs' create-order request, verbatim but for the notification URL, which must reach this test. */
async function createDocsOrder(lang: string, overrides: Json = {}) {
  const body = { ...example(`${lang}-create-order-purchase-request`), notificationUrl: notifyUrl, ...overrides }
  const res = await post(BANK_PATHS.createOrder, body)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

/** The docs' order is 1000 kopecks and their refund 2500: the paid order here is large enough for it. */
async function paidDocsOrder(lang: string) {
  const order = await createDocsOrder(lang, { coinAmount: 100000 })
  await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
  const status = await post(BANK_PATHS.orderOperations, { hppOrderId: order.hppOrderId })
  return { order, purchase: status.body.operations[0] as Json }
}

async function waitForCallbacks(hppOrderId: string, count: number): Promise<Json[]> {
  const end = Date.now() + 10_000
  for (;;) {
    const mine = received.filter((c) => c.hppOrderId === hppOrderId)
    if (mine.length >= count) return mine
    if (Date.now() > end) throw new Error(`expected ${count} callbacks for ${hppOrderId}, got ${mine.length}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = ""
    req.on("data", (c) => (text += c))
    req.on("end", async () => {
      res.writeHead(200).end("OK")
      received.push(req.headers["x-encrypted_body"] === "true" ? ((await decryptJson(text, privateKey)) as Json) : JSON.parse(text))
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`
  sandbox = await startSandbox({ serviceCode: DOCS_MERCHANT, merchantId: DOCS_MERCHANT, refundSettleAfterMs: null, callbackRetryScheduleMs: [50] })
  privateKey = await importPrivateKey(sandbox.merchant.privateJwk)
})
afterAll(async () => {
  await sandbox?.close()
  await new Promise((resolve) => receiver?.close(resolve))
})
beforeEach(async () => {
  // each vector starts from an empty bank: the EN and UA examples reuse one merchantRequestId
  await control("POST", "/reset")
  await authorize()
})

describe("authorize_virtual_device", () => {
  it("answers the docs' curl with every field of the decrypted example, in its formats", async () => {
    expectFieldsOf(example("en-authorize-decrypted-answer"), session, "authorize")
    // tokenExpiration as the authorization page prints it: "2025-02-15 00:45:24.463+02:00"
    expect(shape(session.tokenExpiration)).toBe(shape("2025-02-15 00:45:24.463+02:00"))
    expect((session.serverPublic as EcJwk).x).toHaveLength(64)
  })
})

describe.each(LANGS)("create-order (%s)", (lang) => {
  it("accepts the PURCHASE request example and answers every field of the answer example", async () => {
    const request = example(`${lang}-create-order-purchase-request`)
    const answer = await createDocsOrder(lang)
    expectFieldsOf(example(`${lang}-create-order-purchase-answer`), answer, "create-order")
    expect(answer).toMatchObject({ merchantRequestId: request.merchantRequestId, merchantId: DOCS_MERCHANT, coinAmount: 1000, orderStatus: "PENDING", nbuQrCode: null })
    expect(answer.paymentMethods).toEqual(request.paymentMethods)
    expect(answer.hppOrderId).toMatch(/^\d{13}[\w-]{11}$/)
    // "expirationTimeMinutes": 1440 → the link lives a day
    const lifetime = Date.parse(answer.expiredOrderDate.replace(" ", "T")) - Date.parse(answer.createDate.replace(" ", "T"))
    expect(Math.round(lifetime / 60_000)).toBe(1440)
  })

  it("accepts the A2A request examples (QR; priority bank) and answers every field of their answers: deep link, nbuQrCode, no status page (issue 14 §3)", async () => {
    for (const kind of ["qr", "privat"]) {
      const request = example(`${lang}-create-order-a2a-${kind}-request`)
      const res = await post(BANK_PATHS.createOrder, { ...request, notificationUrl: notifyUrl })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expectFieldsOf(example(`${lang}-create-order-a2a-${kind}-answer`), res.body, `create-order A2A ${kind}`)
      expect(res.body).toMatchObject({ hppPayType: "A2A", statusUrl: null, nbuQrCode: expect.stringMatching(/\/qr\/[\w-]+$/) })
      expect(res.body.redirectUrl).toContain(`/a2a/?hpp_id=${res.body.hppOrderId}`)
      if (kind === "privat") expect(res.body.redirectUrl).toContain("bank=PRIVAT_BANK")
      await control("POST", "/reset")
      await authorize()
    }
  })

  it("an A2A order paid in the bank app reads back as the docs' ACCOUNT_2_ACCOUNT operation; the refund API refuses it", async () => {
    const res = await post(BANK_PATHS.createOrder, { ...example(`${lang}-create-order-a2a-qr-request`), notificationUrl: notifyUrl })
    await control("POST", `/orders/${res.body.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const status = (await post(BANK_PATHS.orderOperations, { hppOrderId: res.body.hppOrderId })).body
    const { operations: docsOps } = example("ua-operations-a2a-answer")
    expectFieldsOf(docsOps[0], status.operations[0], "operations[ACCOUNT_2_ACCOUNT]")
    expect(status.operations[0]).toMatchObject({ type: "ACCOUNT_2_ACCOUNT", transactionType: 54, paymentServiceType: "ACCOUNT", status: "SUCCESS" })
    const refund: Json = { ...example(`${lang}-refund-request`), operationId: status.operations[0].operationId, coinAmount: 100, date: formatRefundDate() }
    refund.merchantRequestId = randomUUID()
    const answer = await post(BANK_PATHS.refund, await encryptJson(refund, await importPublicKey(session.serverPublic)))
    expect(answer.body).toMatchObject({ msgType: "ERROR", msgCode: "b_payment_refund_not_supported" })
  })
})

describe.each(LANGS)("operations (%s)", (lang) => {
  it("answers the request example's unknown order with b_hpp_order_not_found", async () => {
    const res = await post(BANK_PATHS.orderOperations, example(`${lang}-operations-request`))
    expect([res.status, res.body.msgCode]).toEqual([404, "b_hpp_order_not_found"])
  })

  it("answers every field of the example: order, PURCHASE and a REFUND that failed on the clock", async () => {
    const { order, purchase } = await paidDocsOrder(lang)
    // the refund example as sent, with a URL and the example's own 2022 date
    const refund: Json = { ...example(`${lang}-refund-request`), operationId: purchase.operationId, notificationUrl: "https://test.refund.com" }
    refund.merchantRequestId = "12d76d6e-e753-4216-8fa0-3ed9bb29573b"
    await post(BANK_PATHS.refund, await encryptJson(refund, await importPublicKey(session.serverPublic)))
    const status = (await post(BANK_PATHS.orderOperations, { hppOrderId: order.hppOrderId })).body
    const docs = example("en-operations-purchase-refund-answer")
    const { operations: docsOps, ...docsOrder } = docs
    expectFieldsOf(docsOrder, status, "operations")
    // test terminals give no approvalCode (api §10)
    expectFieldsOf(docsOps[0], status.operations[0], "operations[PURCHASE]", ["approvalCode"])
    expectFieldsOf(docsOps[1], status.operations[1], "operations[REFUND]")
    expect(status.operations[1]).toMatchObject({ status: "FAIL", errorDetails: "b_security_time_in_request_not_correct", coinAmount: 2500 })
    expect(status.operations[0]).toMatchObject({ merchantId: DOCS_MERCHANT, purpose: "Payment for Order №123456", senderItn: "5555557777" })
  })
})

describe.each(LANGS)("refund (%s)", (lang) => {
  it("accepts the request example as printed (coinAmount \"2500\", notificationUrl \"\") and answers every field, encrypted", async () => {
    const { purchase } = await paidDocsOrder(lang)
    const request: Json = { ...example(`${lang}-refund-request`), operationId: purchase.operationId, date: formatRefundDate(new Date()) }
    const res = await post(BANK_PATHS.refund, await encryptJson(request, await importPublicKey(session.serverPublic)))
    expect([res.status, res.encrypted]).toEqual([200, true])
    expect(res.body).toMatchObject({ type: "REFUND", status: "PENDING", coinAmount: 2500, merchantId: DOCS_MERCHANT, merchantRequestId: request.merchantRequestId })
    expectFieldsOf(example(`${lang}-refund-answer`), res.body, "refund")
  })

  it("with the example's own 2022 date the bank books it as FAIL b_security_time_in_request_not_correct", async () => {
    const { purchase } = await paidDocsOrder(lang)
    const request = { ...example(`${lang}-refund-request`), operationId: purchase.operationId }
    const res = await post(BANK_PATHS.refund, await encryptJson(request, await importPublicKey(session.serverPublic)))
    expect(res.body).toMatchObject({ type: "REFUND", status: "FAIL", errorDetails: "b_security_time_in_request_not_correct" })
  })
})

describe("callbacks", () => {
  it.each([false, true])("a purchase callback (encrypted: %s) has every field of the UA envelope and of the EN operation", async (encrypted) => {
    const order = await createDocsOrder("ua", { notificationEncryption: encrypted })
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const [callback] = await waitForCallbacks(order.hppOrderId, 1)
    const { operation: _empty, ...uaEnvelope } = example("ua-callback-empty-operation")
    expectFieldsOf(uaEnvelope, callback, "callback")
    expect(callback.notificationEncryption).toBe(encrypted)
    expectFieldsOf(example("en-callback-operations-object").operations, callback.operation, "callback.operation", ["approvalCode"])
    expect(callback.operation).toMatchObject({ type: "PURCHASE", status: "SUCCESS", merchantId: DOCS_MERCHANT, notificationEncryption: encrypted })
    // what the bank's own Node SDK validates: no null in an operation, string-only transactionResponseInfo, URLs present
    expect(Object.entries(callback.operation).filter(([, v]) => v === null)).toEqual([])
    expect(Object.values(callback.operation.transactionResponseInfo).every((v) => typeof v === "string")).toBe(true)
    for (const key of ["statusUrl", "redirectUrl", "notificationUrl"]) expect(() => new URL(callback[key])).not.toThrow()
  })

  it("a refund callback carries the refund operation with the same order envelope", async () => {
    const { order, purchase } = await paidDocsOrder("en")
    const request: Json = { ...example("en-refund-request"), operationId: purchase.operationId, coinAmount: 16, notificationUrl: notifyUrl, date: formatRefundDate(new Date()) }
    await post(BANK_PATHS.refund, await encryptJson(request, await importPublicKey(session.serverPublic)))
    const callbacks = await waitForCallbacks(order.hppOrderId, 2)
    const refund = callbacks.find((c) => c.operation.type === "REFUND")!
    expect(refund.operation).toMatchObject({ status: "SUCCESS", coinAmount: 16, merchantRequestId: request.merchantRequestId, merchantId: DOCS_MERCHANT })
    expectFieldsOf(example("en-refund-answer"), refund.operation, "refund callback.operation")
  })
})
