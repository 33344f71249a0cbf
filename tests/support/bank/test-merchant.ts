import { randomUUID } from "node:crypto"
import { expect } from "vitest"
import { BANK_PATHS } from "../../../src/core/bank/contract/paths"
import { formatRefundDate } from "../../../src/core/bank/dates"
import { decryptJson, encryptJson, importPrivateKey, importPublicKey, type EcJwk } from "../../../src/core/bank/jwe"
import type { Sandbox } from "../../../src/sandbox"

export const SHOP = "https://shop.example"

export type Json = Record<string, any>

/** A minimal merchant: authorize, plain JSON calls and the JWE refund, done by hand. */
export class TestMerchant {
  session!: { deviceId: string; refreshToken: string; serverPublic: EcJwk; [k: string]: unknown }
  private privateKey!: Awaited<ReturnType<typeof importPrivateKey>>

  constructor(readonly sandbox: Sandbox) {}

  async authorize(): Promise<Json> {
    this.privateKey ??= await importPrivateKey(this.sandbox.merchant.privateJwk)
    const res = await fetch(this.sandbox.url + BANK_PATHS.authorize, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serviceCode: this.sandbox.merchant.serviceCode }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    this.session = (await decryptJson(body.jwe, this.privateKey)) as TestMerchant["session"]
    return this.session
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      "x-api_version": "V1",
      "x-device_id": this.session.deviceId,
      "x-refresh_token": this.session.refreshToken,
      ...extra,
    }
  }

  async call(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }> {
    const res = await fetch(this.sandbox.url + path, {
      method: "POST",
      headers: headers ?? this.headers({ "content-type": "application/json" }),
      body: typeof body === "string" ? body : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }

  orderBody(overrides: Json = {}): Json {
    return {
      merchantRequestId: randomUUID(),
      merchantId: this.sandbox.merchant.merchantId,
      hppPayType: "PURCHASE",
      coinAmount: 12550,
      paymentMethods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"],
      successUrl: `${SHOP}/success?cart=1&x=2`,
      failUrl: `${SHOP}/fail?cart=1`,
      statusPageType: "STATUS_TIMER_PAGE",
      customerData: { senderCustomerId: "cus_1", senderFirstName: "Тарас", senderPhone: "380630000000" },
      ...overrides,
    }
  }

  async createOrder(overrides: Json = {}): Promise<Json> {
    const { status, body } = await this.call(BANK_PATHS.createOrder, this.orderBody(overrides))
    expect(status, JSON.stringify(body)).toBe(200)
    return body
  }

  async operations(hppOrderId: string): Promise<Json> {
    const { status, body } = await this.call(BANK_PATHS.orderOperations, { hppOrderId })
    expect(status).toBe(200)
    return body
  }

  /** Encrypts to `serverPublic` (the current one unless given) and decrypts a `{jwe}` answer. */
  /** `encrypted`: the answer came as {"jwe": …} (answers and, once the bank has read the request, refusals). */
  async refund(payload: Json, serverPublic: EcJwk = this.session.serverPublic): Promise<{ status: number; body: Json; encrypted: boolean }> {
    const token = await encryptJson(payload, await importPublicKey(serverPublic))
    const res = await fetch(this.sandbox.url + BANK_PATHS.refund, {
      method: "POST",
      headers: this.headers({ "content-type": "text/plain" }),
      body: token,
    })
    const body = (await res.json()) as Json
    if (typeof body.jwe === "string") {
      return { status: res.status, body: (await decryptJson(body.jwe, this.privateKey)) as Json, encrypted: true }
    }
    return { status: res.status, body, encrypted: false }
  }

  refundBody(operationId: string, overrides: Json = {}): Json {
    return {
      merchantRequestId: randomUUID(),
      merchantId: this.sandbox.merchant.merchantId,
      operationId,
      coinAmount: 1000,
      date: formatRefundDate(new Date()),
      ...overrides,
    }
  }

  async decrypt(token: string): Promise<Json> {
    return (await decryptJson(token, this.privateKey)) as Json
  }
}

