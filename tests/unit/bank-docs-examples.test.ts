import { describe, expect, it } from "vitest"
import { AlliancePayClient } from "../../src/core/bank/client"
import { generateEcKeyPair } from "../../src/core/bank/jwe"
import {
  authorizePayloadSchema,
  createOrderResponseSchema,
  errorBodySchema,
  normaliseHomoglyphs,
  operationSchema,
  orderStatusSchema,
} from "../../src/core/bank/contract/answers"
import fixture from "../fixtures/bank-docs/examples.json"

/** Every example answer and callback of the bank's docs (EN and UA) is a fixed vector the client must read. */

type Example = (typeof fixture.examples)[number] & { body: Record<string, unknown> }
const examples = fixture.examples as Example[]
const pick = (role: string, endpoint: string) => examples.filter((e) => e.role === role && e.endpoint === endpoint)
const byName = (name: string) => examples.find((e) => e.name === name)!

describe("the fixture covers both languages", () => {
  it("has every page's examples in EN and UA", () => {
    for (const endpoint of ["create-order", "operations", "refund", "any"]) {
      expect(new Set(pick("answer", endpoint).map((e) => e.lang))).toEqual(new Set(["en", "ua"]))
    }
    expect(new Set(pick("callback", "callback").map((e) => e.lang))).toEqual(new Set(["en", "ua"]))
  })
})

describe("answers", () => {
  it.each(pick("answer", "create-order").map((e) => [e.name, e]))("create-order: %s", (_name, e) => {
    const out = createOrderResponseSchema.parse(normaliseHomoglyphs(e.body))
    expect(out).toMatchObject({ hppOrderId: e.body.hppOrderId, coinAmount: 1000, orderStatus: "PENDING" })
    expect(out.redirectUrl).toBe(e.body.redirectUrl)
  })

  it.each(pick("answer", "operations").map((e) => [e.name, e]))("operations: %s", (_name, e) => {
    const out = orderStatusSchema.parse(normaliseHomoglyphs(e.body))
    const raw = e.body.operations as Record<string, unknown>[]
    expect(out.operations).toHaveLength(raw.length)
    expect(out.operations.map((o) => o.type)).toEqual(raw.map((o) => o.type))
    // unknown fields (sender*, recipient*, repeatedPayment, threeDSServerTransId …) survive
    out.operations.forEach((o, i) => expect(o).toMatchObject(raw[i]))
  })

  it("operations (EN): the refund that failed on the clock carries errorDetails and no operationId", () => {
    const out = orderStatusSchema.parse(byName("en-operations-purchase-refund-answer").body)
    const refund = out.operations.find((o) => o.type === "REFUND")!
    expect(refund).toMatchObject({ status: "FAIL", errorDetails: "b_security_time_in_request_not_correct", coinAmount: 10 })
    expect(refund.operationId).toBeUndefined()
    expect(out.operations[0]).toMatchObject({ operationId: "1729673813027T0LkeMDxpar", transactionCreateDateTime: "2024.10.23 11:56" })
  })

  it.each(pick("answer", "refund").map((e) => [e.name, e]))("refund: %s", (_name, e) => {
    const out = operationSchema.parse(e.body)
    expect(out).toMatchObject({ type: "REFUND", status: "PENDING", coinAmount: 100, originalOperationId: "1712843529623cHAHkmt-G5u" })
    // EN spells it createDateTime, UA creationDateTime: both land in creationDateTime
    expect(out.creationDateTime).toBe("2024.09.19 15:29:25.675")
  })

  it.each(pick("answer", "payments/v1/operations").map((e) => [e.name, e]))("H2H operation by id: %s", (_name, e) => {
    const out = operationSchema.parse(e.body)
    expect(out.operationId).toBe(e.body.operationId)
    expect(out.creationDateTime).toBe("2024.09.19 15:29:25.675")
  })

  it.each(pick("answer", "completion").map((e) => [e.name, e]))("completion of a PREAUTH: %s", (_name, e) => {
    const out = operationSchema.parse(normaliseHomoglyphs(e.body))
    expect(out).toMatchObject({ type: "COMPLETION", status: "SUCCESS", transactionType: 196, coinAmount: 100 })
    expect(out).toMatchObject({ preauthOperationId: "17594943825392XRyx8EeK6e", preauthCoinAmount: 100 })
  })

  it.each(pick("answer", "any").map((e) => [e.name, e]))("error body: %s", (_name, e) => {
    expect(errorBodySchema.parse(e.body)).toMatchObject({ msgType: "ERROR", msgCode: "b_used_token", msgText: "@Used Token Alert!" })
  })

  it("authorize: the decrypted answer of the authentication page", () => {
    const out = authorizePayloadSchema.parse(byName("en-authorize-decrypted-answer").body)
    expect(out).toMatchObject({ deviceId: "1d9742cf-d392-4c2b-9982-4dc6ec2224b2", refreshToken: "5aba78ac-8850-4619-8232-f62089cbcbb3" })
    expect(out.serverPublic.x).toHaveLength(64)
  })

  it("authorize: the older example (serverPublicKey, no refreshToken) answers the deviceType request no client sends, and is refused by name", () => {
    const result = authorizePayloadSchema.safeParse(byName("en-authorize-old-decrypted-example").body)
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["refreshToken"])
  })
})

describe("callbacks, through the client's decoder", () => {
  const client = async () =>
    new AlliancePayClient({
      baseUrl: "http://127.0.0.1:9",
      serviceCode: "s",
      merchantId: "m",
      merchantPrivateKey: (await generateEcKeyPair()).privateJwk,
    })

  it.each(pick("callback", "callback").map((e) => [e.name, e]))("%s: as JSON text, as bytes and as an object", async (_name, e) => {
    const c = await client()
    const text = JSON.stringify(e.body)
    for (const input of [text, new TextEncoder().encode(text), e.body]) {
      const out = await c.decodeCallback(input)
      expect(out.hppOrderId).toBe(e.body.hppOrderId)
      expect(out.merchantRequestId).toBe(e.body.merchantRequestId)
    }
  })

  it('UA "operation": {} — the callback still names its order; there is simply no operation in it', async () => {
    const out = await (await client()).decodeCallback(byName("ua-callback-empty-operation").body)
    expect(out).toMatchObject({ hppOrderId: "1783591442895jb5dQjA1bUl", orderStatus: "SUCCESS", coinAmount: 10, operations: [] })
  })

  it("EN: `operations` is a single object without ecomOperationId, dates without offset", async () => {
    const out = await (await client()).decodeCallback(byName("en-callback-operations-object").body)
    expect(out.operations).toHaveLength(1)
    expect(out.operations[0]).toMatchObject({ type: "PURCHASE", status: "SUCCESS", operationId: "1728558518169TnfMpJ0tO-P" })
    expect(out.createDate).toBe("2024.10.10 14:08:39.453")
  })

  it("UA A2A: statusUrl null, redirectUrl empty, an ACCOUNT_2_ACCOUNT operation", async () => {
    const out = await (await client()).decodeCallback(byName("ua-callback-a2a").body)
    expect(out).toMatchObject({ statusUrl: null, redirectUrl: "", hppDirectType: "BANK_LINK" })
    expect(out.operations[0]).toMatchObject({ type: "ACCOUNT_2_ACCOUNT", transactionType: 54, coinAmount: 1054 })
  })
})
