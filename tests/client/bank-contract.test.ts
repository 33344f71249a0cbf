/**
 * One bank contract (src/core/bank/contract): a body that breaks one of the bank's rules is refused
 * by our client before it leaves, and by the sandbox bank when it arrives, in the same words.
 */
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AlliancePayClient, AlliancePayError, BANK_PATHS, type CreateOrderInput } from "../../src/core/bank"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { TestMerchant, type Json } from "../support/bank/test-merchant"

let sandbox: Sandbox
let merchant: TestMerchant
let client: AlliancePayClient

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, refundSettleAfterMs: null })
  merchant = new TestMerchant(sandbox)
  await merchant.authorize()
  client = new AlliancePayClient({
    baseUrl: sandbox.url,
    serviceCode: sandbox.merchant.serviceCode,
    merchantId: sandbox.merchant.merchantId,
    merchantPrivateKey: JSON.stringify(sandbox.merchant.privateJwk),
  })
})
afterAll(() => sandbox?.close())

const input = (extra: Partial<CreateOrderInput>): CreateOrderInput => ({
  merchantRequestId: randomUUID(),
  coinAmount: 12550,
  successUrl: "https://shop.example/success",
  failUrl: "https://shop.example/fail",
  customer: { customerId: "cus_1" },
  ...extra,
})

async function clientRefusal(extra: Partial<CreateOrderInput>): Promise<string> {
  try {
    await client.createOrder(input(extra))
  } catch (e) {
    expect(e).toBeInstanceOf(AlliancePayError)
    expect((e as AlliancePayError).kind).toBe("request")
    return (e as AlliancePayError).msgText
  }
  throw new Error("the client sent a body that breaks the contract")
}

async function bankRefusal(overrides: Json): Promise<string> {
  const res = await merchant.call(BANK_PATHS.createOrder, merchant.orderBody(overrides))
  expect([res.status, res.body.msgCode]).toEqual([400, "b_request_is_not_correct"])
  return res.body.msgText
}

describe("the bank contract", () => {
  it.each([
    ["a success URL that is not http(s)", { successUrl: "ftp://shop.example/success" }, "field successUrl must be an absolute http(s) URL"],
    ["a fail URL over 1000 characters", { failUrl: `https://shop.example/${"x".repeat(1000)}` }, "field failUrl must be at most 1000 characters"],
    ["a notification URL that is not a URL", { notificationUrl: "callback" }, "field notificationUrl must be an absolute http(s) URL"],
    ["a merchantRequestId over 36 characters", { merchantRequestId: "x".repeat(37) }, "field merchantRequestId must be at most 36 characters"],
  ] as const)("%s: refused by the client unsent and by the bank, in the same words", async (_what, broken, words) => {
    const before = await fetch(`${sandbox.url}/__sandbox/calls`).then((r) => r.json())
    expect(await clientRefusal(broken)).toBe(words)
    const after = await fetch(`${sandbox.url}/__sandbox/calls`).then((r) => r.json())
    expect(after.calls.filter((c: Json) => c.path === BANK_PATHS.createOrder).length).toBe(before.calls.filter((c: Json) => c.path === BANK_PATHS.createOrder).length)
    expect(await bankRefusal(broken)).toBe(`@Request is not correct: ${words}`)
  })

  it("a body the client builds is one the bank accepts", async () => {
    const order = await client.createOrder(input({ notificationUrl: "https://shop.example/hooks/payment/alliancepay", purpose: "Order №1: «Кава»" }))
    expect(order.hppOrderId).toBeTruthy()
  })
})
