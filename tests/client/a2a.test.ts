import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { a2aComment, AlliancePayClient, BANK_PATHS, type CreateOrderInput } from "../../src/core/bank"
import { classifyBankOrder } from "../../src/core/bank-state"
import { startSandbox, type Sandbox } from "../../src/sandbox"

/** The bank client's pay-by-bank orders against the sandbox bank, over HTTP (issue 14 §3). */
let sandbox: Sandbox
let client: AlliancePayClient

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  client = new AlliancePayClient({
    baseUrl: sandbox.url,
    serviceCode: sandbox.merchant.serviceCode,
    merchantId: sandbox.merchant.merchantId,
    merchantPrivateKey: JSON.stringify(sandbox.merchant.privateJwk),
  })
})
afterAll(() => sandbox?.close())

const a2aOrder = (extra: Partial<CreateOrderInput> = {}): CreateOrderInput => ({
  merchantRequestId: randomUUID(),
  coinAmount: 135049,
  successUrl: "http://127.0.0.1:9/shop/return",
  failUrl: "http://127.0.0.1:9/shop/return",
  customer: { customerId: "cus_01", email: "olena@example.ua" },
  hppPayType: "A2A",
  merchantComment: "Payment for cart cart-01ABC",
  a2a: { priorityBankCode: "ALL_BANKS", generateQrNbu: true },
  ...extra,
})

async function createOrderCalls(): Promise<{ body?: Record<string, unknown> }[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/calls`)
  const log = (await res.json()) as { calls: { path: string; body?: Record<string, unknown> }[] }
  return log.calls.filter((c) => c.path === BANK_PATHS.createOrder)
}

describe("pay by bank (A2A) through the client", () => {
  it("creates an A2A order with the bank's fields and gets the deep link and the NBU QR; paid in the app, it reads as captured", async () => {
    const created = await client.createOrder(a2aOrder())
    expect(created).toMatchObject({ hppPayType: "A2A", statusUrl: null, nbuQrCode: expect.stringContaining("/qr/") })
    expect(created.redirectUrl).toBe(`${sandbox.url}/a2a/?hpp_id=${created.hppOrderId}`)
    const [sent] = (await createOrderCalls()).slice(-1)
    // no lifetime given: the bank's A2A minimum is sent, not its shorter default
    expect(sent.body).toMatchObject({ directType: "BANK_LINK", expirationTimeMinutes: 60, generateQrNbu: "true", priorityBankCode: "ALL_BANKS" })

    const paid = await fetch(`${sandbox.url}/__sandbox/orders/${created.hppOrderId}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "SUCCESS" }),
    })
    expect(paid.status).toBe(200)
    const status = await client.getOrder(created.hppOrderId)
    const expected = { merchantId: sandbox.merchant.merchantId, merchantRequestId: created.merchantRequestId!, coinAmount: 135049, currencyNumeric: "980" }
    const reading = classifyBankOrder(status, expected, Date.now())
    expect(reading.state).toBe("captured")
    expect(reading.purchase).toMatchObject({ type: "ACCOUNT_2_ACCOUNT", paymentServiceType: "ACCOUNT" })
  })

  it("refuses, before calling the bank, what the bank's A2A rules forbid, saying what to fix", async () => {
    const before = (await createOrderCalls()).length
    const cases: [Partial<CreateOrderInput>, RegExp][] = [
      [{ merchantComment: "short" }, /merchantComment .* at least 14/],
      [{ merchantComment: undefined }, /merchantComment is required/],
      [{ expirationTimeMinutes: 59 }, /expirationTimeMinutes must be at least 60/],
      [{ a2a: { priorityBankCode: "NOPE_BANK" as never } }, /priorityBankCode must be one of/],
    ]
    for (const [extra, message] of cases) {
      await expect(client.createOrder(a2aOrder(extra))).rejects.toMatchObject({ kind: "request", msgText: expect.stringMatching(message) })
    }
    expect(await createOrderCalls()).toHaveLength(before)
  })

  it("a2aComment makes any comment fit the bank's charset and its 14-character minimum", () => {
    expect(a2aComment("Замовлення 7", "cart_01")).toBe("Zamovlennia 7 order cart-01")
    expect(a2aComment(undefined, "c1")).toMatch(/^order c1\.+$/)
    expect(a2aComment(undefined, "c1")).toHaveLength(14)
    expect(a2aComment("Payment for cart cart_01ABC", "x")).toBe("Payment for cart cart-01ABC")
  })
})
