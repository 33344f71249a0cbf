import http from "node:http"
import type { AddressInfo } from "node:net"
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AlliancePayClient, AlliancePayError, BANK_PATHS, parseBankDate, type CreateOrderInput } from "../../src/core/bank"
import { encryptJson, importPublicKey } from "../../src/core/bank/jwe"
import { formatRefundDate } from "../../src/core/bank/dates"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import fixture from "../fixtures/bank-docs/examples.json"

/** Two-step card payments (PREAUTH + COMPLETION), the client against the sandbox over HTTP. */

let sandbox: Sandbox
let client: AlliancePayClient
let receiver: http.Server
let notifyUrl: string
const callbacks: Record<string, any>[] = []

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

const order = (extra: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
  merchantRequestId: randomUUID(),
  coinAmount: 25000,
  hppPayType: "PREAUTH",
  paymentMethods: ["CARD"],
  successUrl: "http://127.0.0.1:9/ok",
  failUrl: "http://127.0.0.1:9/fail",
  notificationUrl: notifyUrl,
  customer: { customerId: "cus_1" },
  ...extra,
})

async function held(coinAmount = 25000) {
  const created = await client.createOrder(order({ coinAmount }))
  await control("POST", `/orders/${created.hppOrderId}/pay`, { outcome: "SUCCESS" })
  const hold = (await client.getOrder(created.hppOrderId)).operations[0]
  return { created, hold, holdId: hold.operationId! }
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

const complete = (originalOperationId: string, coinAmount: number, extra = {}) =>
  client.complete({ merchantRequestId: randomUUID(), originalOperationId, coinAmount, ...extra })

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = ""
    req.on("data", (c) => (text += c))
    req.on("end", () => {
      res.end("OK")
      callbacks.push(JSON.parse(text))
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`
  sandbox = await startSandbox({ refundSettleAfterMs: null, callbackRetryScheduleMs: [50] })
})
afterAll(async () => {
  await sandbox?.close()
  await new Promise((resolve) => receiver?.close(resolve))
})
beforeEach(async () => {
  await control("POST", "/reset")
  client = new AlliancePayClient({
    baseUrl: sandbox.url,
    serviceCode: sandbox.merchant.serviceCode,
    merchantId: sandbox.merchant.merchantId,
    merchantPrivateKey: sandbox.merchant.privateJwk,
  })
})

describe("PREAUTH: the shopper's payment holds the money", () => {
  it("create-order sends hppPayType PREAUTH and a preAuthExpDate a week ahead by default; the payment is a PREAUTH (195)", async () => {
    const { created, hold } = await held()
    const sent = (await control("GET", `/calls?path=${encodeURIComponent(BANK_PATHS.createOrder)}`)).calls.at(-1).body
    expect(sent.hppPayType).toBe("PREAUTH")
    expect(sent.preAuthExpDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}\+00:00$/)
    expect(parseBankDate(sent.preAuthExpDate)! - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000)
    expect(created.hppPayType).toBe("PREAUTH")
    expect(hold).toMatchObject({ type: "PREAUTH", status: "SUCCESS", transactionType: 195, coinAmount: 25000 })
    const state = await control("GET", `/orders/${created.hppOrderId}`)
    expect(state.refundableAmount).toBe(0) // a hold is not money taken
  })

  it("the client refuses a preAuthExpDate outside 2 h … 28 days before sending anything", async () => {
    for (const at of [Date.now() + 3600_000, Date.now() + 29 * 24 * 3600_000]) {
      const error = await caught(client.createOrder(order({ preAuthExpDate: new Date(at) })))
      expect(error).toMatchObject({ kind: "request" })
      expect(error.msgText).toMatch(/2 hours .* 28 days/)
    }
    expect((await control("GET", "/calls")).calls).toEqual([])
  })

  it("the sandbox refuses a PREAUTH order without preAuthExpDate, or with one too close", async () => {
    const session = await client.sessions.current()
    const headers = { "content-type": "application/json", "x-api_version": "V1", "x-device_id": session.deviceId, "x-refresh_token": session.refreshToken }
    const body = { ...fixture.examples.find((e) => e.name === "ua-create-order-purchase-request")!.body, merchantId: sandbox.merchant.merchantId, hppPayType: "PREAUTH" }
    for (const [extra, field] of [[{}, "preAuthExpDate is required"], [{ preAuthExpDate: formatRefundDate(new Date(Date.now() + 3600_000)) }, "at least 2 hours"]] as const) {
      const res = await fetch(sandbox.url + BANK_PATHS.createOrder, { method: "POST", headers, body: JSON.stringify({ ...body, merchantRequestId: randomUUID(), ...extra }) })
      const answer = (await res.json()) as Record<string, string>
      expect([res.status, answer.msgCode]).toEqual([400, "b_request_is_not_correct"])
      expect(answer.msgText).toContain(field)
    }
  })
})

describe("COMPLETION: Capture takes the money", () => {
  it("full amount: a COMPLETION (196) naming the hold, a callback, and the completion is what refunds draw on", async () => {
    const { created, holdId } = await held(25000)
    const done = await complete(holdId, 25000, { merchantComment: "Capture of order_01" })
    expect(done).toMatchObject({ type: "COMPLETION", status: "SUCCESS", transactionType: 196, coinAmount: 25000 })
    expect(done).toMatchObject({ preauthOperationId: holdId, preauthCoinAmount: 25000, merchantId: sandbox.merchant.merchantId })
    const status = await client.getOrder(created.hppOrderId)
    expect(status.operations.map((o) => `${o.type}/${o.status}`)).toEqual(["PREAUTH/SUCCESS", "COMPLETION/SUCCESS"])
    expect(status.orderStatus).toBe("SUCCESS")
    const deadline = Date.now() + 5000
    while (!callbacks.some((c) => c.operation?.type === "COMPLETION" && c.hppOrderId === created.hppOrderId) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(callbacks.find((c) => c.operation?.type === "COMPLETION" && c.hppOrderId === created.hppOrderId)?.operation).toMatchObject({ status: "SUCCESS", coinAmount: 25000 })
    const refund = await client.refund({ merchantRequestId: randomUUID(), operationId: done.operationId!, coinAmount: 5000 })
    expect(refund).toMatchObject({ type: "REFUND", status: "PENDING", originalOperationId: done.operationId })
    const onHold = await caught(client.refund({ merchantRequestId: randomUUID(), operationId: holdId, coinAmount: 100 }))
    expect(onHold.msgCode).toBe("b_payment_invalid_refund_status")
  })

  it("partial and over-limit: 80 %–120 % of the hold is taken, anything else is refused with nothing booked", async () => {
    for (const [amount, ok] of [[19999, false], [30001, false], [20000, true]] as const) {
      const { created, holdId } = await held(25000)
      if (ok) {
        expect((await complete(holdId, amount)).status).toBe("SUCCESS")
      } else {
        const error = await caught(complete(holdId, amount))
        expect(error).toMatchObject({ kind: "business", msgCode: "b_invalid_request" })
        expect((await client.getOrder(created.hppOrderId)).operations).toHaveLength(1)
      }
    }
    const { holdId } = await held(25000)
    expect((await complete(holdId, 30000)).coinAmount).toBe(30000)
  })

  it("a hold is completed once; an expired hold cannot be completed; an unknown id is not found", async () => {
    const { holdId } = await held()
    await complete(holdId, 25000)
    expect((await caught(complete(holdId, 25000))).msgCode).toBe("b_cannot_process_logic_transaction")

    const expiring = await held()
    await control("POST", `/orders/${expiring.created.hppOrderId}/expire-hold`)
    const expired = await caught(complete(expiring.holdId, 25000))
    expect(expired.msgCode).toBe("b_cannot_process_logic_transaction")
    expect(expired.msgText).toMatch(/expired/)

    expect((await caught(complete("1700000000000AAAAAAAAAAA", 100))).msgCode).toBe("b_operation_not_found")
  })

  it("the docs' completion request (coinAmount \"2500\", notificationUrl \"\") is accepted and answered with every field of the docs' answer", async () => {
    const { holdId } = await held(2500)
    const session = await client.sessions.current()
    const request = { ...fixture.examples.find((e) => e.name === "ua-completion-request")!.body, originalOperationId: holdId, merchantId: sandbox.merchant.merchantId, date: formatRefundDate(new Date()) }
    const res = await fetch(sandbox.url + BANK_PATHS.completion, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-api_version": "V1", "x-device_id": session.deviceId, "x-refresh_token": session.refreshToken },
      body: await encryptJson(request, await importPublicKey(session.serverPublic)),
    })
    expect(res.status).toBe(200)
    const { decryptJson, importPrivateKey } = await import("../../src/core/bank/jwe")
    const answer = (await decryptJson(((await res.json()) as { jwe: string }).jwe, await importPrivateKey(sandbox.merchant.privateJwk))) as Record<string, unknown>
    expect(answer).toMatchObject({ type: "COMPLETION", status: "SUCCESS", coinAmount: 2500 })
    const docsAnswer = fixture.examples.find((e) => e.name === "ua-completion-answer")!.body as Record<string, unknown>
    // test terminals: no approvalCode; purpose/comment only when the request carries them
    const missing = Object.keys(docsAnswer).filter((k) => docsAnswer[k] !== null && !(k in answer) && !["purpose", "comment"].includes(k))
    expect(missing).toEqual([])
  })
})
