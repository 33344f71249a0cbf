import { TEST_CARD } from "../../src/core/bank/contract/test-cards"
import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { randomUUID } from "node:crypto"
import { describe, it, expect, beforeAll, afterAll } from "vitest"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { SHOP, TestMerchant, type Json } from "../support/bank/test-merchant"
import type { EcJwk } from "../../src/core/bank/jwe"
import { formatRefundDate, parseBankDate } from "../../src/core/bank/dates"

// Everything goes over HTTP, as the plugin and a shopper's browser would do it.


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))


async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

/** The merchant's callback endpoint: records every delivery and can be told to fail. */
class CallbackReceiver {
  readonly received: { hppOrderId?: string; headers: http.IncomingHttpHeaders; raw: string; json?: Json; answered: number }[] = []
  private failures = new Map<string, number>()
  private server = http.createServer((req, res) => {
    let raw = ""
    req.setEncoding("utf8")
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      let json: Json | undefined
      try {
        json = JSON.parse(raw)
      } catch {
        json = undefined
      }
      const hppOrderId = this.orderOf(raw, json)
      const left = hppOrderId ? (this.failures.get(hppOrderId) ?? 0) : 0
      const answered = left > 0 ? 500 : 200
      if (left > 0) this.failures.set(hppOrderId!, left - 1)
      this.received.push({ hppOrderId, headers: req.headers, raw, json, answered })
      res.writeHead(answered).end(answered === 200 ? "OK" : "try again")
    })
  })
  url = ""
  /** Encrypted bodies are matched to orders through this (set by the test). */
  decryptedOrderIds = new Map<string, string>()

  private orderOf(raw: string, json: Json | undefined): string | undefined {
    return json?.hppOrderId ?? this.decryptedOrderIds.get(raw)
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alliance/callback`
  }

  failNext(hppOrderId: string, times: number): void {
    this.failures.set(hppOrderId, times)
  }

  for(hppOrderId: string) {
    return this.received.filter((r) => r.hppOrderId === hppOrderId)
  }

  waitForCount(hppOrderId: string, count: number, timeoutMs = 5000) {
    return waitFor(`${count} callback(s) for ${hppOrderId}`, () => {
      const got = this.for(hppOrderId)
      return got.length >= count ? got : undefined
    }, timeoutMs)
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((r) => this.server.close(() => r()))
  }
}

// ---- a tiny browser: reads forms from the HTML and follows the sandbox's 303s -------------------

interface PageForm {
  action: string
  fields: Record<string, string>
  button: string
}

const decodeEntities = (text: string) => text.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&")

function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const fields: Record<string, string> = {}
    for (const input of m[2].matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1])?.[1]
      if (name) fields[name] = decodeEntities(/value="([^"]*)"/.exec(input[1])?.[1] ?? "")
    }
    return {
      action: decodeEntities(/action="([^"]*)"/.exec(m[1])?.[1] ?? ""),
      fields,
      button: (/<button[^>]*>([\s\S]*?)<\/button>/.exec(m[2])?.[1] ?? "").trim(),
    }
  })
}

interface Visit {
  status: number
  url: string
  html: string
  /** set when the chain ends in a redirect away from the sandbox (to the shop) */
  location?: string
  hops: string[]
}

class Browser {
  constructor(private readonly base: string) {}

  async open(url: string): Promise<Visit> {
    return this.follow(await fetch(url, { redirect: "manual" }), url, [])
  }

  async submit(form: PageForm, values: Record<string, string> = {}): Promise<Visit> {
    const res = await fetch(form.action, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form.fields, ...values }).toString(),
    })
    return this.follow(res, form.action, [])
  }

  private async follow(res: Response, url: string, hops: string[]): Promise<Visit> {
    if (res.status === 303 || res.status === 302) {
      const location = new URL(res.headers.get("location")!, url).toString()
      hops.push(location)
      if (!location.startsWith(this.base) || hops.length > 5) {
        return { status: res.status, url, html: "", location, hops }
      }
      return this.follow(await fetch(location, { redirect: "manual" }), location, hops)
    }
    return { status: res.status, url, html: await res.text(), hops }
  }
}

// ---- shared fixtures -----------------------------------------------------------------------------

let sandbox: Sandbox
let merchant: TestMerchant
let receiver: CallbackReceiver
let browser: Browser

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Json }
}

const card = (number: string) => ({ card_number: number, expiry: "12/40", cvv: "123" })

async function payWithCard(order: Json, number: string): Promise<Visit> {
  const page = await browser.open(order.redirectUrl)
  expect(page.status).toBe(200)
  const form = formsOf(page.html).find((f) => "card_number" in f.fields)!
  return browser.submit(form, card(number))
}

beforeAll(async () => {
  receiver = new CallbackReceiver()
  await receiver.start()
  sandbox = await startSandbox({ refundSettleAfterMs: null, callbackRetryScheduleMs: [100, 200, 400], statusTimerSeconds: 7 })
  merchant = new TestMerchant(sandbox)
  browser = new Browser(sandbox.url)
  await merchant.authorize()
})

afterAll(async () => {
  await sandbox?.close()
  await receiver?.close()
})

// ---- device session ------------------------------------------------------------------------------

describe("authorize_virtual_device and session checks", () => {
  it("answers a JWE for the merchant key with the documented fields and formats", async () => {
    const s = await merchant.authorize()
    expect(s).toMatchObject({ deviceId: expect.any(String), refreshToken: expect.any(String), authToken: expect.any(String) })
    expect(s.serverPublic).toMatchObject({ kty: "EC", crv: "P-384" })
    expect((s.serverPublic as EcJwk).x).toHaveLength(64)
    expect((s.serverPublic as EcJwk).d).toBeUndefined()
    expect(s.tokenExpirationDateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{4} \+0000$/)
    // three fraction digits, as the docs print it: "2025-02-15 00:45:24.463+02:00"
    expect(s.tokenExpiration).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/)
    expect(parseBankDate(s.tokenExpiration)).toBe(parseBankDate(s.tokenExpirationDateTime))
    const expiresIn = parseBankDate(s.tokenExpirationDateTime)! - Date.now()
    expect(expiresIn).toBeGreaterThan(23.9 * 3600_000)
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000)
  })

  it("replaces the previous session: new tokens and server key, old refresh token refused", async () => {
    const first = { ...(await merchant.authorize()) }
    const second = await merchant.authorize()
    expect(second.deviceId).toBe(first.deviceId)
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect(second.authToken).not.toBe(first.authToken)
    expect((second.serverPublic as EcJwk).x).not.toBe((first.serverPublic as EcJwk).x)

    const stale = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" }, {
      "x-api_version": "V1",
      "x-device_id": first.deviceId,
      "x-refresh_token": first.refreshToken,
      "x-request_id": "req-stale",
    })
    expect(stale.status).toBe(401)
    expect(stale.body).toEqual({
      requestId: "req-stale",
      serviceId: "api-gateway",
      msgType: "ERROR",
      msgCode: "b_session_doesnt_exist",
      msgText: expect.any(String),
      isLocalized: false,
      msgAttrs: {},
      errorCauses: [],
    })
    const fresh = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
    expect(fresh.body.msgCode).toBe("b_hpp_order_not_found")
  })

  it("refuses an unknown serviceCode with an error body and no jwe", async () => {
    const res = await fetch(sandbox.url + BANK_PATHS.authorize, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serviceCode: randomUUID() }),
    })
    const body = (await res.json()) as Json
    expect(body.msgType).toBe("ERROR")
    expect(body.jwe).toBeUndefined()
  })

  it("checks api version, device and refresh token headers with the bank's codes and statuses", async () => {
    const h = merchant.headers({ "content-type": "application/json" })
    const without = (name: string) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== name))
    const cases: [Record<string, string>, number, string][] = [
      [{ ...h, "x-api_version": "V2" }, 400, "b_request_is_not_correct"],
      [without("x-api_version"), 400, "b_request_is_not_correct"],
      [without("x-device_id"), 200, "b_virtual_device_not_found"],
      [without("x-refresh_token"), 200, "b_refresh_token_absent"],
      [{ ...h, "x-device_id": randomUUID() }, 401, "b_unknown_device"],
    ]
    for (const [headers, status, code] of cases) {
      const res = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" }, headers)
      expect([res.status, res.body.msgCode]).toEqual([status, code])
    }
    for (const version of ["v1", "1"]) {
      const res = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" }, { ...h, "x-api_version": version })
      expect(res.body.msgCode).toBe("b_hpp_order_not_found")
    }
  })

  it("expires the current session through the control API (401 b_expired_token) until re-authorized", async () => {
    expect((await control("POST", "/session/expire", {})).body.expired).toBe(1)
    const res = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
    expect([res.status, res.body.msgCode]).toEqual([401, "b_expired_token"])
    await merchant.authorize()
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).status).toBe(404)
  })
})

// ---- create-order --------------------------------------------------------------------------------

describe("create-order", () => {
  it("answers the §6.1 shape with a 15-minute default expiry", async () => {
    const body = merchant.orderBody()
    const order = await merchant.createOrder(body)
    expect(order.hppOrderId).toMatch(/^\d{13}[\w-]{11}$/)
    expect(order.ecomOrderId).toMatch(/^[0-9a-f-]{36}$/)
    expect(order).toMatchObject({
      merchantRequestId: body.merchantRequestId,
      merchantId: sandbox.merchant.merchantId,
      hppPayType: "PURCHASE",
      coinAmount: 12550,
      orderStatus: "PENDING",
      paymentMethods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"],
      redirectUrl: `${sandbox.url}/hpp/?hpp_id=${order.hppOrderId}`,
      statusUrl: `${sandbox.url}/status/?hpp_id=${order.hppOrderId}`,
      nbuQrCode: null,
    })
    expect(order.createDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}[+-]\d{2}:\d{2}$/)
    expect(parseBankDate(order.expiredOrderDate)! - parseBankDate(order.createDate)!).toBe(15 * 60_000)
  })

  it("honours expirationTimeMinutes and falls back to uk for an unknown language", async () => {
    const order = await merchant.createOrder({ expirationTimeMinutes: 60, language: "ru" })
    expect(parseBankDate(order.expiredOrderDate)! - parseBankDate(order.createDate)!).toBe(60 * 60_000)
    expect((await control("GET", `/orders/${order.hppOrderId}`)).body.language).toBe("uk")
  })

  it("rejects null or empty fields, naming the field, also inside customerData", async () => {
    const cases: [Json, string][] = [
      [{ notificationUrl: "" }, "notificationUrl"],
      [{ purpose: null }, "purpose"],
      [{ customerData: { senderCustomerId: "c", senderCity: "" } }, "customerData.senderCity"],
      [{ customerData: { senderCustomerId: "" } }, "customerData.senderCustomerId"],
    ]
    for (const [overrides, field] of cases) {
      const res = await merchant.call(BANK_PATHS.createOrder, merchant.orderBody(overrides))
      expect(res.status).toBe(400)
      expect(res.body.msgCode).toBe("b_request_is_not_correct")
      expect(res.body.msgText).toContain(field)
    }
  })

  it("enforces the §8 field rules", async () => {
    const customer = (extra: Json) => ({ customerData: { senderCustomerId: "c", ...extra } })
    const cases: [Json, string, string][] = [
      [customer({ senderPhone: "+380630000000" }), "b_request_is_not_correct", "senderPhone"],
      [customer({ senderCountry: "UA" }), "b_request_is_not_correct", "senderCountry"],
      [customer({ senderCity: "A".repeat(26) }), "b_request_is_not_correct", "senderCity"],
      [customer({ senderFirstName: "J.R." }), "b_request_is_not_correct", "senderFirstName"],
      [customer({ senderEmail: "nope" }), "b_request_is_not_correct", "senderEmail"],
      [customer({ senderIp: "::1" }), "b_request_is_not_correct", "senderIp"],
      [{ customerData: undefined }, "b_request_is_not_correct", "customerData"],
      [{ coinAmount: 10.5 }, "b_request_is_not_correct", "coinAmount"],
      [{ coinAmount: 0 }, "b_request_is_not_correct", "coinAmount"],
      [{ paymentMethods: [] }, "b_request_is_not_correct", "paymentMethods"],
      [{ paymentMethods: ["CASH"] }, "b_request_is_not_correct", "paymentMethods"],
      [{ statusPageType: "NOPE" }, "b_request_is_not_correct", "statusPageType"],
      [{ failUrl: `${SHOP}/${"x".repeat(1000)}` }, "b_request_is_not_correct", "failUrl"],
      [{ notificationUrl: `${SHOP}/${"x".repeat(250)}` }, "b_request_is_not_correct", "notificationUrl"],
      [{ expirationTimeMinutes: 1441 }, "b_request_is_not_correct", "expirationTimeMinutes"],
      [{ currencyCode: "643" }, "b_request_is_not_correct", "currencyCode"],
      [{ merchantRequestId: "x".repeat(37) }, "b_request_is_not_correct", "merchantRequestId"],
      [{ hppPayType: "A2A" }, "b_request_is_not_correct", "directType"],
      [{ hppPayType: "A2A", directType: "BANK_LINK", merchantComment: "too short" }, "b_request_is_not_correct", "merchantComment"],
      [{ hppPayType: "A2A", directType: "BANK_LINK", merchantComment: "Order 1234567890", expirationTimeMinutes: 59 }, "b_request_is_not_correct", "expirationTimeMinutes"],
      [{ hppPayType: "A2A", directType: "BANK_LINK", merchantComment: "Order 1234567890", priorityBankCode: "NOPE_BANK" }, "b_request_is_not_correct", "priorityBankCode"],
      [{ directType: "BANK_LINK" }, "b_txn_not_allowed", "BANK_LINK"],
      [{ generateQrNbu: "true" }, "b_request_is_not_correct", "generateQrNbu"],
      [{ merchantId: randomUUID() }, "b_user_merchant_request_mismatch", ""],
    ]
    for (const [overrides, code, field] of cases) {
      const res = await merchant.call(BANK_PATHS.createOrder, merchant.orderBody(overrides))
      expect([res.status, res.body.msgCode], JSON.stringify(overrides).slice(0, 80)).toEqual([400, code])
      expect(res.body.msgText).toContain(field)
    }
    expect((await merchant.call(BANK_PATHS.createOrder, merchant.orderBody({ currencyCode: "978" }))).status).toBe(200)
  })

  it("refuses a reused merchantRequestId and malformed JSON", async () => {
    const body = merchant.orderBody()
    await merchant.createOrder(body)
    const dup = await merchant.call(BANK_PATHS.createOrder, { ...body })
    expect([dup.status, dup.body.msgCode]).toEqual([400, "b_duplicate_field_value"])
    expect(dup.body.msgText).toContain(body.merchantRequestId)
    expect(dup.body.msgText).toContain("must be unique")

    const bad = await merchant.call(BANK_PATHS.createOrder, "{not json")
    expect([bad.status, bad.body.msgCode]).toEqual([400, "b_error_parse_json"])
  })

  it("answers 413 to a body over 1 MB and keeps serving", async () => {
    const res = await fetch(sandbox.url + BANK_PATHS.createOrder, {
      method: "POST",
      headers: merchant.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ junk: "x".repeat(1_100_000) }),
    })
    expect(res.status).toBe(413)
    await res.text()
    expect((await merchant.call(BANK_PATHS.createOrder, merchant.orderBody())).status).toBe(200)
  })
})

// ---- the hosted payment page ---------------------------------------------------------------------

describe("hosted payment page", () => {
  it("shows amount, card form and the requested wallet buttons only", async () => {
    const order = await merchant.createOrder({ paymentMethods: ["CARD", "GOOGLE_PAY"], coinAmount: 12550 })
    const page = await browser.open(order.redirectUrl)
    expect(page.status).toBe(200)
    expect(page.html).toContain("125.50 UAH")
    const forms = formsOf(page.html)
    const cardForm = forms.find((f) => "card_number" in f.fields)!
    expect(Object.keys(cardForm.fields).sort()).toEqual(["card_number", "cvv", "expiry", "hpp_id"])
    expect(cardForm.button).toContain("Pay")
    expect(forms.map((f) => f.fields.method).filter(Boolean)).toEqual(["GOOGLE_PAY"])
    expect(page.html).not.toContain("Apple Pay</button>")
  })

  it("unknown hpp_id → 404 page", async () => {
    const page = await browser.open(`${sandbox.url}/hpp/?hpp_id=1234567890123ABCDEFGHIJK`)
    expect(page.status).toBe(404)
    expect(page.html).toContain("Order not found")
  })

  it("successful card payment (STATUS_TIMER_PAGE): callback, timer page, operations answer", async () => {
    const order = await merchant.createOrder({ notificationUrl: receiver.url })
    const visit = await payWithCard(order, TEST_CARD.visa)
    expect(visit.hops).toEqual([`${sandbox.url}/status/?hpp_id=${order.hppOrderId}`])
    expect(visit.status).toBe(200)
    expect(visit.html).toContain("Payment successful")
    const refresh = /<meta http-equiv="refresh" content="([^"]*)">/.exec(visit.html)
    expect(decodeEntities(refresh![1])).toBe(`7;url=${SHOP}/success?cart=1&x=2`)
    expect(visit.html).toContain("Return to the shop")

    const status = await merchant.operations(order.hppOrderId)
    expect(status.orderStatus).toBe("SUCCESS")
    expect(status.notificationUrl).toBe(receiver.url)
    expect(status.operations).toHaveLength(1)
    const op = status.operations[0]
    expect(op).toMatchObject({
      type: "PURCHASE",
      status: "SUCCESS",
      transactionType: 35,
      coinAmount: 12550,
      transactionCurrency: "980",
      rrn: "-1",
      transactionResponseInfo: { actionCode: "0", responseCode: "00", description: "approved" },
      paymentServiceType: "CARD",
      paymentSystem: "Visa",
      cardNumberMask: "411111******1111",
    })
    expect(op.operationId).toMatch(/^\d{13}[\w-]{11}$/)
    expect(op.ecomOperationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(op.approvalCode).toBeUndefined()
    expect(op.creationDateTime).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)

    const [cb] = await receiver.waitForCount(order.hppOrderId, 1)
    expect(cb.headers["content-type"]).toBe("application/json")
    expect(cb.headers["x-encrypted_body"]).toBeUndefined()
    expect(cb.json).toMatchObject({
      hppOrderId: order.hppOrderId,
      ecomOrderId: order.ecomOrderId,
      merchantRequestId: order.merchantRequestId,
      merchantId: sandbox.merchant.merchantId,
      coinAmount: 12550,
      orderStatus: "SUCCESS",
      hppPayType: "PURCHASE",
      hppDirectType: "REDIRECT",
      tryMode: "ONE_TRY",
      notificationUrl: receiver.url,
      notificationEncryption: false,
      createDate: order.createDate,
      expiredOrderDate: order.expiredOrderDate,
      operation: { type: "PURCHASE", status: "SUCCESS", operationId: op.operationId },
    })

    // ONE_TRY: the link now says it was paid, and a second POST makes no operation
    const again = await browser.open(order.redirectUrl)
    expect(again.html).toContain("already been paid")
    expect(formsOf(again.html)).toHaveLength(0)
    const replay = await browser.submit({ action: `${sandbox.url}/hpp/pay`, fields: { hpp_id: order.hppOrderId }, button: "" }, card(TEST_CARD.visa))
    expect(replay.status).toBe(409)
    expect((await merchant.operations(order.hppOrderId)).operations).toHaveLength(1)
  })

  it("declined card with STATUS_REDIRECT_MERCHANT_PAGE goes straight to failUrl", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_REDIRECT_MERCHANT_PAGE", notificationUrl: receiver.url })
    const visit = await payWithCard(order, "4000000000000002")
    expect(visit.status).toBe(303)
    expect(visit.location).toBe(`${SHOP}/fail?cart=1`)
    const status = await merchant.operations(order.hppOrderId)
    expect(status.orderStatus).toBe("FAIL")
    expect(status.operations[0]).toMatchObject({
      status: "FAIL",
      transactionResponseInfo: { actionCode: "1", responseCode: "05" },
      errorDetails: expect.any(String),
    })
    const [cb] = await receiver.waitForCount(order.hppOrderId, 1)
    expect(cb.json!.operation.status).toBe("FAIL")
    const again = await browser.open(order.redirectUrl)
    expect(again.html).toContain("failed")
  })

  it("successful card with STATUS_REDIRECT_MERCHANT_PAGE goes straight to successUrl", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_REDIRECT_MERCHANT_PAGE" })
    const visit = await payWithCard(order, TEST_CARD.mastercard)
    expect(visit.location).toBe(`${SHOP}/success?cart=1&x=2`)
    expect((await merchant.operations(order.hppOrderId)).operations[0]).toMatchObject({
      paymentSystem: "MasterCard",
      cardNumberMask: "555555******4444",
    })
  })

  it("insufficient funds with STATUS_PAGE: result page, link to failUrl, no auto-redirect", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_PAGE" })
    const visit = await payWithCard(order, "4000-0000-0000-9995")
    expect(visit.hops).toEqual([`${sandbox.url}/status/?hpp_id=${order.hppOrderId}`])
    expect(visit.html).toContain("Payment failed")
    expect(visit.html).toContain("insufficient funds")
    expect(visit.html).not.toContain('http-equiv="refresh"')
    expect(decodeEntities(visit.html)).toContain(`href="${SHOP}/fail?cart=1"`)
    expect((await merchant.operations(order.hppOrderId)).operations[0].transactionResponseInfo).toMatchObject({
      actionCode: "1",
      responseCode: "16",
    })
  })

  it("3DS challenge confirmed: REQUIRED_3DS first, SUCCESS and callback after Confirm", async () => {
    const order = await merchant.createOrder({ notificationUrl: receiver.url })
    const visit = await payWithCard(order, "4000000000003220")
    expect(visit.hops).toEqual([`${sandbox.url}/hpp/3ds?hpp_id=${order.hppOrderId}`])
    const pending = await merchant.operations(order.hppOrderId)
    expect(pending.orderStatus).toBe("REQUIRED_3DS")
    expect(pending.operations[0].status).toBe("REQUIRED_3DS")
    await sleep(150)
    expect(receiver.for(order.hppOrderId)).toHaveLength(0)

    // reopening the payment link sends the shopper back to the challenge
    expect((await browser.open(order.redirectUrl)).hops).toEqual([`${sandbox.url}/hpp/3ds?hpp_id=${order.hppOrderId}`])

    const confirm = formsOf(visit.html).find((f) => f.fields.result === "confirm")!
    expect(confirm.button).toContain("Confirm")
    const done = await browser.submit(confirm)
    expect(done.hops).toEqual([`${sandbox.url}/status/?hpp_id=${order.hppOrderId}`])
    expect(done.html).toContain("Payment successful")
    expect((await merchant.operations(order.hppOrderId)).orderStatus).toBe("SUCCESS")
    const [cb] = await receiver.waitForCount(order.hppOrderId, 1)
    expect(cb.json!.operation.status).toBe("SUCCESS")
  })

  it("3DS challenge failed → FAIL with a 3DS response code", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_REDIRECT_MERCHANT_PAGE" })
    const visit = await payWithCard(order, "4000000000003220")
    const fail = formsOf(visit.html).find((f) => f.fields.result === "fail")!
    const done = await browser.submit(fail)
    expect(done.location).toBe(`${SHOP}/fail?cart=1`)
    const status = await merchant.operations(order.hppOrderId)
    expect(status.orderStatus).toBe("FAIL")
    expect(status.operations[0].transactionResponseInfo.actionCode).toBe("33")
    const page = await browser.open(`${sandbox.url}/hpp/3ds?hpp_id=${order.hppOrderId}`)
    expect(page.status).toBe(409)
  })

  it("invalid card input re-renders the form with HTTP 400 and creates no operation", async () => {
    const order = await merchant.createOrder()
    const page = await browser.open(order.redirectUrl)
    const form = formsOf(page.html).find((f) => "card_number" in f.fields)!
    const cases: [Record<string, string>, string][] = [
      [card("4111 1111 1111 1112"), "card number is not valid"],
      [{ ...card(TEST_CARD.visa), expiry: "01/20" }, "expired"],
      [{ ...card(TEST_CARD.visa), expiry: "13/40" }, "MM/YY"],
      [{ ...card(TEST_CARD.visa), cvv: "12" }, "CVV"],
    ]
    for (const [values, message] of cases) {
      const res = await browser.submit(form, values)
      expect(res.status).toBe(400)
      expect(res.html).toContain(message)
      const again = formsOf(res.html).find((f) => "card_number" in f.fields)!
      expect(again.fields.card_number).toBe(values.card_number)
    }
    const status = await merchant.operations(order.hppOrderId)
    expect([status.orderStatus, status.operations]).toEqual(["PENDING", []])
    // the one try was not used up by typos
    expect((await browser.submit(form, card(TEST_CARD.visa))).html).toContain("Payment successful")
  })

  it("an expired order refuses payment (410) while the API still says PENDING", async () => {
    const order = await merchant.createOrder()
    const page = await browser.open(order.redirectUrl)
    const form = formsOf(page.html).find((f) => "card_number" in f.fields)!
    expect((await control("POST", `/orders/${order.hppOrderId}/expire`)).body.expired).toBe(true)

    const reopened = await browser.open(order.redirectUrl)
    expect(reopened.status).toBe(410)
    expect(reopened.html).toContain("expired")
    const posted = await browser.submit(form, card(TEST_CARD.visa))
    expect(posted.status).toBe(410)
    const statusPage = await browser.open(order.statusUrl)
    expect(statusPage.html).toContain("Payment link expired")
    expect(decodeEntities(statusPage.html)).toContain(`href="${SHOP}/fail?cart=1"`)

    const status = await merchant.operations(order.hppOrderId)
    expect(status.orderStatus).toBe("PENDING")
    expect(status.operations).toEqual([])
    expect(parseBankDate(status.expiredOrderDate)!).toBeLessThan(Date.now())
  })

  it("wallet buttons pay with their paymentServiceType", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_REDIRECT_MERCHANT_PAGE" })
    const page = await browser.open(order.redirectUrl)
    const apple = formsOf(page.html).find((f) => f.fields.method === "APPLE_PAY")!
    expect(apple.button).toBe("Apple Pay")
    expect((await browser.submit(apple)).location).toBe(`${SHOP}/success?cart=1&x=2`)
    expect((await merchant.operations(order.hppOrderId)).operations[0]).toMatchObject({
      status: "SUCCESS",
      paymentServiceType: "APPLE_PAY",
    })
  })

  it("the kopeck test rule overrides the card", async () => {
    const success = await merchant.createOrder({ coinAmount: 10004 })
    await payWithCard(success, "4000000000000002")
    expect((await merchant.operations(success.hppOrderId)).orderStatus).toBe("SUCCESS")
    for (const coinAmount of [10005, 10006]) {
      const fail = await merchant.createOrder({ coinAmount })
      await payWithCard(fail, TEST_CARD.visa)
      expect((await merchant.operations(fail.hppOrderId)).orderStatus).toBe("FAIL")
    }
  })

  it("a slow bank (…0259) leaves the attempt PENDING, redirects as for success, settles via control", async () => {
    const order = await merchant.createOrder({ statusPageType: "STATUS_REDIRECT_MERCHANT_PAGE", notificationUrl: receiver.url })
    const visit = await payWithCard(order, "4000000000000259")
    expect(visit.location).toBe(`${SHOP}/success?cart=1&x=2`)
    const pending = await merchant.operations(order.hppOrderId)
    expect([pending.orderStatus, pending.operations[0].status]).toEqual(["PENDING", "PENDING"])
    expect(receiver.for(order.hppOrderId)).toHaveLength(0)
    expect((await browser.open(order.redirectUrl)).html).toContain("being processed")

    const settled = await control("POST", `/orders/${order.hppOrderId}/settle`, { status: "SUCCESS" })
    expect(settled.body.orderStatus).toBe("SUCCESS")
    const [cb] = await receiver.waitForCount(order.hppOrderId, 1)
    expect(cb.json!.operation).toMatchObject({ status: "SUCCESS", operationId: pending.operations[0].operationId })
    expect((await control("POST", `/orders/${order.hppOrderId}/settle`, { status: "SUCCESS" })).status).toBe(409)
  })
})

// ---- callbacks -----------------------------------------------------------------------------------

describe("callbacks", () => {
  it("encrypts the callback when notificationEncryption is set", async () => {
    const order = await merchant.createOrder({ notificationUrl: receiver.url, notificationEncryption: "true" })
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const delivery = await waitFor("the encrypted callback", () =>
      receiver.received.find((r) => r.json === undefined && r.headers["x-encrypted_body"] === "true" && !r.hppOrderId)
    )
    expect(delivery.headers["content-type"]).toBe("text/plain")
    expect(delivery.raw.split(".")).toHaveLength(5)
    const body = await merchant.decrypt(delivery.raw)
    expect(body).toMatchObject({
      hppOrderId: order.hppOrderId,
      orderStatus: "SUCCESS",
      notificationEncryption: true,
      operation: { type: "PURCHASE", status: "SUCCESS" },
    })
    receiver.decryptedOrderIds.set(delivery.raw, order.hppOrderId)
    delivery.hppOrderId = order.hppOrderId
  })

  it("retries after a non-200 answer and stops at the first 200", async () => {
    const order = await merchant.createOrder({ notificationUrl: receiver.url })
    receiver.failNext(order.hppOrderId, 2)
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "FAIL" })
    const deliveries = await receiver.waitForCount(order.hppOrderId, 3)
    expect(deliveries.map((d) => d.answered)).toEqual([500, 500, 200])
    expect(new Set(deliveries.map((d) => d.raw)).size).toBe(1)
    await sleep(600)
    expect(receiver.for(order.hppOrderId)).toHaveLength(3)
    const log = (await control("GET", "/callbacks")).body.attempts.filter((a: Json) => a.hppOrderId === order.hppOrderId)
    expect(log.map((a: Json) => [a.attempt, a.httpStatus, a.result])).toEqual([
      [1, 500, "failed"],
      [2, 500, "failed"],
      [3, 200, "delivered"],
    ])
    expect(log[0]).toMatchObject({ url: receiver.url, operationType: "PURCHASE", operationStatus: "FAIL", encrypted: false })
  })

  it("logs network errors as failed attempts and gives up after the schedule", async () => {
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r))
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/cb`
    await new Promise<void>((r) => closed.close(() => r()))
    const order = await merchant.createOrder({ notificationUrl: deadUrl })
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const log = await waitFor("4 attempts", async () => {
      const all = (await control("GET", "/callbacks")).body.attempts.filter((a: Json) => a.hppOrderId === order.hppOrderId)
      return all.length >= 4 ? all : undefined
    })
    expect(log.every((a: Json) => a.httpStatus === null && a.error && a.result === "failed")).toBe(true)
    await sleep(500)
    expect((await control("GET", "/callbacks")).body.attempts.filter((a: Json) => a.hppOrderId === order.hppOrderId)).toHaveLength(4)
  })

  it("duplicate mode sends the same callback several times; drop mode sends nothing", async () => {
    expect((await control("POST", "/callbacks", { mode: "duplicate", copies: 3 })).status).toBe(200)
    const dup = await merchant.createOrder({ notificationUrl: receiver.url })
    await control("POST", `/orders/${dup.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const copies = await receiver.waitForCount(dup.hppOrderId, 3)
    expect(new Set(copies.map((c) => c.raw)).size).toBe(1)

    await control("POST", "/callbacks", { mode: "drop" })
    const dropped = await merchant.createOrder({ notificationUrl: receiver.url })
    await control("POST", `/orders/${dropped.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const log = await waitFor("the drop record", async () =>
      (await control("GET", "/callbacks")).body.attempts.find((a: Json) => a.hppOrderId === dropped.hppOrderId)
    )
    expect(log.result).toBe("dropped")
    await sleep(300)
    expect(receiver.for(dropped.hppOrderId)).toHaveLength(0)

    // modes are used up: the next callback is delivered once
    const normal = await merchant.createOrder({ notificationUrl: receiver.url })
    await control("POST", `/orders/${normal.hppOrderId}/pay`, { outcome: "SUCCESS" })
    await receiver.waitForCount(normal.hppOrderId, 1)
    await sleep(200)
    expect(receiver.for(normal.hppOrderId)).toHaveLength(1)
  })

  it("delay mode holds the callback back", async () => {
    await control("POST", "/callbacks", { mode: "delay", delayMs: 400 })
    const order = await merchant.createOrder({ notificationUrl: receiver.url })
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    await sleep(200)
    expect(receiver.for(order.hppOrderId)).toHaveLength(0)
    await receiver.waitForCount(order.hppOrderId, 1)
  })

  it("callbackShape switches the operation container", async () => {
    try {
      await control("PATCH", "/config", { callbackShape: "operations-array" })
      const arr = await merchant.createOrder({ notificationUrl: receiver.url })
      await control("POST", `/orders/${arr.hppOrderId}/pay`, { outcome: "SUCCESS" })
      const [a] = await receiver.waitForCount(arr.hppOrderId, 1)
      expect(Array.isArray(a.json!.operations)).toBe(true)
      expect(a.json!.operation).toBeUndefined()

      await control("PATCH", "/config", { callbackShape: "operations-object" })
      const obj = await merchant.createOrder({ notificationUrl: receiver.url })
      await control("POST", `/orders/${obj.hppOrderId}/pay`, { outcome: "SUCCESS" })
      const [o] = await receiver.waitForCount(obj.hppOrderId, 1)
      expect(o.json!.operations).toMatchObject({ type: "PURCHASE", status: "SUCCESS" })
    } finally {
      await control("PATCH", "/config", { callbackShape: "operation" })
    }
  })
})

// ---- refunds and look-ups ------------------------------------------------------------------------

describe("refunds", () => {
  async function paidOrder(overrides: Json = {}): Promise<{ order: Json; operationId: string }> {
    const order = await merchant.createOrder({ notificationUrl: receiver.url, ...overrides })
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const status = await merchant.operations(order.hppOrderId)
    await receiver.waitForCount(order.hppOrderId, 1)
    return { order, operationId: status.operations[0].operationId }
  }

  it("PENDING refund settled through the control API, with its callback and PARTIAL_REFUND", async () => {
    const { order, operationId } = await paidOrder({ coinAmount: 12550 })
    const body = merchant.refundBody(operationId, { coinAmount: 5000 })
    const res = await merchant.refund(body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      type: "REFUND",
      status: "PENDING",
      transactionType: 76,
      coinAmount: 5000,
      merchantRequestId: body.merchantRequestId,
      operationId,
      originalOperationId: operationId,
      originalCoinAmount: 12550,
      transactionCurrency: "980",
    })
    expect((await merchant.operations(order.hppOrderId)).orderStatus).toBe("SUCCESS")

    const settled = await control("POST", `/refunds/${body.merchantRequestId}/settle`, { status: "SUCCESS" })
    expect(settled.status).toBe(200)
    const callbacks = await receiver.waitForCount(order.hppOrderId, 2)
    expect(callbacks[1].json).toMatchObject({
      orderStatus: "PARTIAL_REFUND",
      operation: { type: "REFUND", status: "SUCCESS", merchantRequestId: body.merchantRequestId },
    })
    const status = await merchant.operations(order.hppOrderId)
    expect(status.orderStatus).toBe("PARTIAL_REFUND")
    expect(status.operations.map((o: Json) => [o.type, o.status])).toEqual([
      ["PURCHASE", "SUCCESS"],
      ["REFUND", "SUCCESS"],
    ])
    expect((await control("POST", `/refunds/${body.merchantRequestId}/settle`, { status: "SUCCESS" })).status).toBe(409)

    const byId = await merchant.call(BANK_PATHS.operationByMerchantRequestId, { merchantRequestId: body.merchantRequestId })
    expect(byId.body).toMatchObject({ type: "REFUND", status: "SUCCESS", coinAmount: 5000 })
    const purchase = await merchant.call(BANK_PATHS.operationById, { id: operationId })
    expect(purchase.body).toMatchObject({ type: "PURCHASE", operationId })
    const orderLookup = await merchant.call(BANK_PATHS.operationByMerchantRequestId, { merchantRequestId: order.merchantRequestId })
    expect(orderLookup.body).toMatchObject({ type: "PURCHASE", status: "SUCCESS" })
    const missing = await merchant.call(BANK_PATHS.operationById, { id: "nope" })
    expect(missing.status).toBe(404)
  })

  it("sends the refund callback to the refund's own notificationUrl, encrypted when asked", async () => {
    const { order, operationId } = await paidOrder()
    const other = new CallbackReceiver()
    await other.start()
    try {
      const res = await merchant.refund(
        merchant.refundBody(operationId, { coinAmount: 116, notificationUrl: other.url, notificationEncryption: true })
      )
      expect(res.body.status).toBe("SUCCESS")
      const got = await waitFor("the refund callback", () => other.received[0])
      expect(got.headers["x-encrypted_body"]).toBe("true")
      expect((await merchant.decrypt(got.raw)).operation).toMatchObject({ type: "REFUND", status: "SUCCESS" })
      await sleep(100)
      expect(receiver.for(order.hppOrderId)).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it("kopeck rules: …16 succeeds at once, …17 fails", async () => {
    const { operationId } = await paidOrder({ coinAmount: 100000 })
    expect((await merchant.refund(merchant.refundBody(operationId, { coinAmount: 216 }))).body.status).toBe("SUCCESS")
    const fail = await merchant.refund(merchant.refundBody(operationId, { coinAmount: "317" }))
    expect(fail.body).toMatchObject({ status: "FAIL", coinAmount: 317 })
  })

  it("a refund date outside the tolerance gives a FAIL operation with b_security_time_in_request_not_correct", async () => {
    const { order, operationId } = await paidOrder()
    const res = await merchant.refund(
      merchant.refundBody(operationId, { date: formatRefundDate(new Date(Date.now() - 10 * 60_000)) })
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ type: "REFUND", status: "FAIL", errorDetails: "b_security_time_in_request_not_correct" })
    const status = await merchant.operations(order.hppOrderId)
    expect(status.operations[1]).toMatchObject({ type: "REFUND", status: "FAIL" })
    expect(status.orderStatus).toBe("SUCCESS")

    const malformed = await merchant.refund(merchant.refundBody(operationId, { date: new Date().toISOString() }))
    expect([malformed.status, malformed.body.msgCode, malformed.encrypted]).toEqual([200, "b_request_is_not_correct", true])
  })

  it("refuses refunds above what is left, counting PENDING refunds", async () => {
    const { operationId } = await paidOrder({ coinAmount: 10000 })
    expect((await merchant.refund(merchant.refundBody(operationId, { coinAmount: 6000 }))).body.status).toBe("PENDING")
    const over = await merchant.refund(merchant.refundBody(operationId, { coinAmount: 4001 }))
    expect([over.status, over.body.msgCode]).toEqual([200, "b_payment_invalid_refund_amount"])
    expect((await merchant.refund(merchant.refundBody(operationId, { coinAmount: 4000 }))).body.status).toBe("PENDING")
  })

  it("refuses a reused merchantRequestId, unknown and unpaid operations, null/empty fields", async () => {
    const { operationId } = await paidOrder()
    const body = merchant.refundBody(operationId, { coinAmount: 100 })
    expect((await merchant.refund(body)).status).toBe(200)
    // refusals after the bank decrypted the request come back inside the JWE, as error bodies
    const dup = await merchant.refund({ ...body })
    expect([dup.status, dup.body.msgCode, dup.body.msgType, dup.encrypted]).toEqual([200, "b_duplicate_field_value", "ERROR", true])

    const unknown = await merchant.refund(merchant.refundBody("1700000000000AAAAAAAAAAA"))
    expect([unknown.status, unknown.body.msgCode, unknown.encrypted]).toEqual([200, "b_operation_not_found", true])

    const failed = await merchant.createOrder()
    await control("POST", `/orders/${failed.hppOrderId}/pay`, { outcome: "FAIL" })
    const failedOp = (await merchant.operations(failed.hppOrderId)).operations[0].operationId
    const notRefundable = await merchant.refund(merchant.refundBody(failedOp))
    expect([notRefundable.status, notRefundable.body.msgCode]).toEqual([200, "b_payment_invalid_refund_status"])

    for (const [field, value] of [["merchantComment", null], ["merchantComment", "Refund of 1762952144215CrdMyJEw_AI"], ["coinAmount", ""]] as const) {
      const res = await merchant.refund(merchant.refundBody(operationId, { [field]: value }))
      expect([res.status, res.body.msgCode, res.encrypted]).toEqual([200, "b_request_is_not_correct", true])
      expect(res.body.msgText).toContain(field)
    }
    // the docs' own refund example sends "notificationUrl": "": taken as no URL
    const emptyUrl = await merchant.refund(merchant.refundBody(operationId, { notificationUrl: "", coinAmount: 100 }))
    expect(emptyUrl.body).toMatchObject({ type: "REFUND", status: "PENDING" })
    expect(emptyUrl.body.notificationUrl).not.toBe("")
    const wrongMerchant = await merchant.refund(merchant.refundBody(operationId, { merchantId: randomUUID() }))
    expect(wrongMerchant.body.msgCode).toBe("b_user_merchant_request_mismatch")
  })

  it("a body encrypted to the previous session's key is b_encryptor_failed_decrypt_message", async () => {
    const { operationId } = await paidOrder()
    const oldKey = merchant.session.serverPublic
    await merchant.authorize()
    const res = await merchant.refund(merchant.refundBody(operationId), oldKey)
    expect([res.status, res.body.msgCode]).toEqual([200, "b_encryptor_failed_decrypt_message"])
    const plain = await merchant.call(BANK_PATHS.refund, merchant.refundBody(operationId), merchant.headers({ "content-type": "text/plain" }))
    expect(plain.body.msgCode).toBe("b_encryptor_failed_decrypt_message")
  })

  it("PENDING refunds settle by themselves after refundSettleAfterMs", async () => {
    const { order, operationId } = await paidOrder()
    await control("PATCH", "/config", { refundSettleAfterMs: 150 })
    try {
      const res = await merchant.refund(merchant.refundBody(operationId, { coinAmount: 500 }))
      expect(res.body.status).toBe("PENDING")
      const callbacks = await receiver.waitForCount(order.hppOrderId, 2)
      expect(callbacks[1].json!.operation).toMatchObject({ type: "REFUND", status: "SUCCESS" })
      expect((await merchant.operations(order.hppOrderId)).orderStatus).toBe("PARTIAL_REFUND")
    } finally {
      await control("PATCH", "/config", { refundSettleAfterMs: null })
    }
  })
})

// ---- faults and the control API ------------------------------------------------------------------

describe("control API: faults, call log, input checks", () => {
  it("5xx fault: the next matching call gets 503 b_server_is_overloaded, then normal service", async () => {
    await control("POST", "/faults", { path: BANK_PATHS.createOrder, kind: "5xx" })
    // another path is not affected
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).status).toBe(404)
    const failed = await merchant.call(BANK_PATHS.createOrder, merchant.orderBody())
    expect([failed.status, failed.body.msgCode, failed.body.msgType]).toEqual([503, "b_server_is_overloaded", "ERROR"])
    expect((await merchant.call(BANK_PATHS.createOrder, merchant.orderBody())).status).toBe(200)
    const calls = (await control("GET", `/calls?path=${encodeURIComponent(BANK_PATHS.createOrder)}`)).body.calls
    const faulted = calls.filter((c: Json) => c.fault)
    expect(faulted.at(-1)).toMatchObject({ httpStatus: 503, msgCode: "b_server_is_overloaded", fault: { kind: "5xx", phase: "before" } })
  })

  it("after-phase fault: the bank did create the order but the answer was an error", async () => {
    await control("POST", "/faults", { path: BANK_PATHS.createOrder, kind: "5xx", phase: "after", httpStatus: 500, msgCode: "b_unknown_error" })
    const body = merchant.orderBody()
    const res = await merchant.call(BANK_PATHS.createOrder, body)
    expect([res.status, res.body.msgCode]).toEqual([500, "b_unknown_error"])
    const orders = (await control("GET", "/orders")).body.orders
    expect(orders.some((o: Json) => o.merchantRequestId === body.merchantRequestId)).toBe(true)
    expect((await merchant.call(BANK_PATHS.createOrder, body)).body.msgCode).toBe("b_duplicate_field_value")
  })

  it("timeout fault: no answer, the socket is cut after delayMs", async () => {
    await control("POST", "/faults", { path: BANK_PATHS.orderOperations, kind: "timeout", delayMs: 300 })
    const started = Date.now()
    await expect(merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    const last = (await control("GET", `/calls?path=${encodeURIComponent(BANK_PATHS.orderOperations)}`)).body.calls.at(-1)
    expect(last).toMatchObject({ httpStatus: null, fault: { kind: "timeout" } })
  })

  it("error fault: a session expiry twice in a row, then normal", async () => {
    await control("POST", "/faults", { kind: "error", msgCode: "b_expired_token", httpStatus: 401, count: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
      expect([res.status, res.body.msgCode]).toEqual([401, "b_expired_token"])
    }
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).body.msgCode).toBe("b_hpp_order_not_found")

    await control("POST", "/faults", { kind: "error", msgCode: "b_overload_error", msgText: "@busy" })
    const http200 = await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
    expect([http200.status, http200.body.msgCode, http200.body.msgText]).toEqual([200, "b_overload_error", "@busy"])
  })

  it("delay fault and latencyMs slow answers down; DELETE clears armed faults", async () => {
    await control("POST", "/faults", { path: BANK_PATHS.orderOperations, kind: "delay", delayMs: 250 })
    let started = Date.now()
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).status).toBe(404)
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)

    await control("PATCH", "/config", { latencyMs: 150 })
    started = Date.now()
    await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await control("PATCH", "/config", { latencyMs: 0 })

    await control("POST", "/faults", { kind: "5xx", count: 5 })
    expect((await control("GET", "/faults")).body.faults).toHaveLength(1)
    expect((await control("DELETE", "/faults")).body.cleared).toBe(1)
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).status).toBe(404)
  })

  it("the call log classifies sessions and never contains the device id or refresh token", async () => {
    await control("DELETE", "/calls")
    const old = { ...merchant.session }
    await merchant.authorize()
    await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" }, { ...merchant.headers(), "x-refresh_token": old.refreshToken, "x-request_id": "r-1" })
    await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" }, { "x-api_version": "V1" })
    await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })
    const { calls } = (await control("GET", "/calls")).body
    expect(calls.map((c: Json) => c.session)).toEqual(["none", "previous", "none", "current"])
    expect(calls[1]).toMatchObject({ requestId: "r-1", apiVersion: "V1", httpStatus: 401, msgCode: "b_session_doesnt_exist" })
    const text = JSON.stringify(calls)
    for (const secret of [merchant.session.refreshToken, old.refreshToken, merchant.session.deviceId]) {
      expect(text).not.toContain(secret)
    }
    const since = (await control("GET", `/calls?since=${calls[2].seq}`)).body.calls
    expect(since.map((c: Json) => c.seq)).toEqual([calls[3].seq])
  })

  it("logs the decrypted refund body", async () => {
    const order = await merchant.createOrder()
    await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "SUCCESS" })
    const operationId = (await merchant.operations(order.hppOrderId)).operations[0].operationId
    const body = merchant.refundBody(operationId, { coinAmount: 116 })
    await merchant.refund(body)
    const last = (await control("GET", `/calls?path=${encodeURIComponent(BANK_PATHS.refund)}`)).body.calls.at(-1)
    expect(last.body).toEqual(body)
  })

  it("answers bad control input with 400 {message} and unknown paths with 404 JSON", async () => {
    const cases: [string, string, unknown, number, string][] = [
      ["POST", "/faults", { kind: "explode" }, 400, "kind"],
      ["POST", "/faults", { kind: "5xx", path: "/nope" }, 400, "path"],
      ["POST", "/faults", "{bad", 400, "JSON"],
      ["PATCH", "/config", { latencyMs: -1 }, 400, "latencyMs"],
      ["PATCH", "/config", { colour: "red" }, 400, "colour"],
      ["POST", "/callbacks", { mode: "lose" }, 400, "mode"],
      ["POST", "/orders/nope/pay", { outcome: "SUCCESS" }, 404, "nope"],
      ["POST", "/refunds/nope/settle", { status: "SUCCESS" }, 404, "nope"],
      ["GET", "/nothing-here", undefined, 404, "nothing-here"],
    ]
    for (const [method, path, body, status, word] of cases) {
      const res = await control(method, path, body)
      expect([res.status, typeof res.body.message], `${method} ${path}`).toEqual([status, "string"])
      expect(res.body.message).toContain(word)
    }
    const order = await merchant.createOrder()
    expect((await control("POST", `/orders/${order.hppOrderId}/pay`, { outcome: "MAYBE" })).status).toBe(400)
    const unknown = await fetch(`${sandbox.url}/ecom/execute_request/hpp/v2/create-order`, { method: "POST" })
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as Json).message).toBeDefined()
  })

  it("GET /__sandbox/config gives the merchant identity and the current options", async () => {
    const { body } = await control("GET", "/config")
    expect(body).toMatchObject({
      apiUrl: sandbox.url,
      serviceCode: sandbox.merchant.serviceCode,
      merchantId: sandbox.merchant.merchantId,
      privateJwk: { kty: "EC", crv: "P-384", d: expect.any(String) },
      options: { refundSettleAfterMs: null, statusTimerSeconds: 7, callbackRetryScheduleMs: [100, 200, 400] },
    })
    expect(body.publicJwk.d).toBeUndefined()
  })
})

describe("reset and close", () => {
  it("reset forgets orders and sessions but keeps the merchant identity", async () => {
    const order = await merchant.createOrder()
    const res = await control("POST", "/reset")
    expect(res.body.merchantId).toBe(sandbox.merchant.merchantId)
    expect((await control("GET", `/orders/${order.hppOrderId}`)).status).toBe(404)
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: "x" })).status).toBe(401)
    await merchant.authorize()
    expect((await merchant.call(BANK_PATHS.orderOperations, { hppOrderId: order.hppOrderId })).body.msgCode).toBe("b_hpp_order_not_found")
  })

  it("close() returns promptly even with a socket held by a timeout fault", async () => {
    const other = await startSandbox({ merchantPrivateJwk: JSON.stringify(sandbox.merchant.privateJwk) })
    expect(other.merchant.publicJwk.x).toBe(sandbox.merchant.publicJwk.x)
    await fetch(`${other.url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ kind: "timeout" }) })
    const hanging = fetch(other.url + BANK_PATHS.authorize, { method: "POST", body: "{}" }).catch((e: unknown) => e)
    await sleep(100)
    // the fault holds the answer for a minute, twice this test's limit: close() must cut the socket, not wait
    await other.close()
    expect(await hanging).toBeInstanceOf(Error)
  })
})
