import { describe, it, expect } from "vitest"
import {
  authorizePayloadSchema,
  callbackSchema,
  createOrderResponseSchema,
  errorBodySchema,
  normaliseHomoglyphs,
  orderStatusSchema,
  refundResponseSchema,
} from "../../src/core/bank/contract/answers"
import * as samples from "../fixtures/spec-samples"

describe("authorize payload (§3.3)", () => {
  it("parses the sample with serverPublic and keeps unknown fields", () => {
    const out = authorizePayloadSchema.parse(samples.authorizePayload())
    expect(out.serverPublic).toEqual(samples.authorizePayload().serverPublic)
    expect(out.deviceId).toBe("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5")
    expect(out.tokenExpirationDateTime).toBe("2026-01-10 09:00:00.1234 +0000")
    expect(out.sessionExpiration).toBe("2026-01-10 11:00:00.123+02:00")
  })

  it("maps the older serverPublicKey name onto serverPublic", () => {
    const out = authorizePayloadSchema.parse(samples.authorizePayloadServerPublicKey())
    expect(out.serverPublic).toEqual(samples.authorizePayload().serverPublic)
    expect(out).not.toHaveProperty("serverPublicKey")
  })

  it("keeps unknown fields (e.g. a future field or the deviceType of the old example)", () => {
    const out = authorizePayloadSchema.parse({ ...samples.authorizePayload(), deviceType: "ECOM_MERCHANT_SERVICE_DEVICE" })
    expect((out as Record<string, unknown>).deviceType).toBe("ECOM_MERCHANT_SERVICE_DEVICE")
  })

  it("refuses a payload without any bank key or without deviceId/refreshToken", () => {
    const { serverPublic: _s, ...noKey } = samples.authorizePayload()
    expect(authorizePayloadSchema.safeParse(noKey).success).toBe(false)
    expect(authorizePayloadSchema.safeParse({ ...samples.authorizePayload(), deviceId: "" }).success).toBe(false)
    const { refreshToken: _r, ...noRefresh } = samples.authorizePayload()
    expect(authorizePayloadSchema.safeParse(noRefresh).success).toBe(false)
    expect(
      authorizePayloadSchema.safeParse({ ...samples.authorizePayload(), serverPublic: { kty: "EC", crv: "P-256", x: "a", y: "b" } })
        .success
    ).toBe(false)
  })
})

describe("create-order response (§6.1)", () => {
  it("parses and keeps unknown fields (nbuQrCode)", () => {
    const out = createOrderResponseSchema.parse(samples.createOrderResponse())
    expect(out.hppOrderId).toBe("1767000000000AbCdEfGhIjK")
    expect(out.orderStatus).toBe("PENDING")
    expect(out.coinAmount).toBe(12550)
    expect(out.redirectUrl).toMatch(/^https:\/\/pay\.alb\.ua\/\?hpp_id=/)
    expect(out).toHaveProperty("nbuQrCode", null)
  })

  it("takes coinAmount as a string and makes it a number", () => {
    const out = createOrderResponseSchema.parse({ ...samples.createOrderResponse(), coinAmount: "12550" })
    expect(out.coinAmount).toBe(12550)
  })

  it("requires a redirectUrl to send the shopper to", () => {
    expect(createOrderResponseSchema.safeParse({ ...samples.createOrderResponse(), redirectUrl: "" }).success).toBe(false)
    const { redirectUrl: _r, ...none } = samples.createOrderResponse()
    expect(createOrderResponseSchema.safeParse(none).success).toBe(false)
  })

  it("refuses amounts that are not integer kopecks", () => {
    for (const coinAmount of [125.5, "125.50", "-1", "1e3", "", null, true]) {
      expect(createOrderResponseSchema.safeParse({ ...samples.createOrderResponse(), coinAmount }).success).toBe(false)
    }
  })
})

describe("order status (§6.2)", () => {
  it("parses the sample; operations stay an array and unknown fields survive at every level", () => {
    const out = orderStatusSchema.parse(samples.orderStatusResponse())
    expect(out.orderStatus).toBe("SUCCESS")
    expect(out.operations).toHaveLength(2)
    const [purchase, refund] = out.operations
    expect(purchase).toMatchObject({
      type: "PURCHASE",
      status: "SUCCESS",
      operationId: "1767000050000XyZAbCdEfG",
      transactionType: 35,
      coinAmount: 12550,
      transactionCurrency: "980",
      creationDateTime: "2026.01.10 12:01:02.345",
      transactionResponseInfo: { actionCode: "0", responseCode: "00", description: "approved" },
    })
    // not in the schema, must survive
    expect(purchase).toMatchObject({
      bankCode: "BANK_ALLIANCE",
      desiredThreeDSMode: "SHOULD",
      threeDSMode: "MUST",
      merchantCommission: 0,
      senderFirstName: "Ганна",
      senderLastName: "Мар'яненко",
    })
    expect(refund).toMatchObject({
      type: "REFUND",
      status: "FAIL",
      errorDetails: "b_security_time_in_request_not_correct",
      productType: "PURCHASE",
      rrnOriginal: "536012345678",
      originalCoinAmount: 12550,
    })
    expect(refund.operationId).toBeUndefined()
  })

  it("an order with no operations yet parses to an empty list", () => {
    const { operations: _o, ...order } = samples.orderStatusResponse()
    expect(orderStatusSchema.parse(order).operations).toEqual([])
    expect(orderStatusSchema.parse({ ...order, operations: null }).operations).toEqual([])
    expect(orderStatusSchema.parse({ ...order, operations: [] }).operations).toEqual([])
  })

  it("transactionCurrency given as a number becomes the string the docs show", () => {
    const body = samples.orderStatusResponse()
    ;(body.operations[0] as Record<string, unknown>).transactionCurrency = 980
    expect(orderStatusSchema.parse(body).operations[0].transactionCurrency).toBe("980")
  })
})

describe("callbacks (§7.2): all three shapes normalise to operations[]", () => {
  it("UA shape: a single `operation` object", () => {
    const out = callbackSchema.parse(samples.callbackUa())
    expect(out.operations).toHaveLength(1)
    expect(out.operations[0]).toMatchObject({ type: "PURCHASE", status: "SUCCESS", notificationSignature: false })
    expect(out).not.toHaveProperty("operation")
    expect(out).toMatchObject({ hppDirectType: "REDIRECT", tryMode: "ONE_TRY", notificationEncryption: false })
    expect(out.operations[0]).toHaveProperty("receiptUrl")
  })

  it("EN shape: `operations` holding a single object, dotted dates", () => {
    const out = callbackSchema.parse(samples.callbackEnSingleObject())
    expect(Array.isArray(out.operations)).toBe(true)
    expect(out.operations).toHaveLength(1)
    expect(out.operations[0].operationId).toBe("1767000050000XyZAbCdEfG")
    expect(out.createDate).toBe("2024.10.10 14:08:39.453")
  })

  it("array shape (status answer fed as callback)", () => {
    const out = callbackSchema.parse(samples.callbackArray())
    expect(out.operations.map((o) => o.type)).toEqual(["PURCHASE", "REFUND"])
  })

  it("both `operation` and `operations` present: nothing is lost", () => {
    const body = { ...samples.callbackArray(), operation: samples.callbackRefund().operation }
    const out = callbackSchema.parse(body)
    expect(out.operations.map((o) => `${o.type}/${o.status}`)).toEqual(["PURCHASE/SUCCESS", "REFUND/FAIL", "REFUND/SUCCESS"])
  })

  it("refund callback", () => {
    const out = callbackSchema.parse(samples.callbackRefund())
    expect(out.orderStatus).toBe("PARTIAL_REFUND")
    expect(out.operations[0]).toMatchObject({ type: "REFUND", status: "SUCCESS", transactionType: 76, coinAmount: 500 })
  })

  it('accepts redirectUrl "" and notificationUrl / statusUrl null', () => {
    const out = callbackSchema.parse(samples.callbackEmptyUrls())
    expect(out.redirectUrl).toBe("")
    expect(out.notificationUrl).toBeNull()
    expect(out.statusUrl).toBeNull()
  })

  it("amounts given as strings become numbers, at order and operation level", () => {
    const body = samples.callbackUa()
    const out = callbackSchema.parse({
      ...body,
      coinAmount: "2500",
      operation: { ...body.operation, coinAmount: "2500", originalCoinAmount: "12550" },
    })
    expect(out.coinAmount).toBe(2500)
    expect(out.operations[0].coinAmount).toBe(2500)
    expect(out.operations[0].originalCoinAmount).toBe(12550)
  })

  it("unknown fields survive on the envelope and on the operation", () => {
    const body = samples.callbackUa()
    const out = callbackSchema.parse({
      ...body,
      futureOrderField: { nested: [1, 2] },
      operation: { ...body.operation, sourceAmount: 10, sourceCurrencyCode: "840", conversionRate: 44.35 },
    })
    expect(out).toHaveProperty("futureOrderField", { nested: [1, 2] })
    expect(out.operations[0]).toMatchObject({ sourceAmount: 10, sourceCurrencyCode: "840", conversionRate: 44.35 })
  })

  it("refuses bodies that are not a callback", () => {
    expect(callbackSchema.safeParse(samples.errorBody()).success).toBe(false)
    expect(callbackSchema.safeParse({}).success).toBe(false)
    expect(callbackSchema.safeParse({ ...samples.callbackUa(), hppOrderId: "" }).success).toBe(false)
  })

  it("needs only hppOrderId: an unreadable operation or order field is dropped, not the callback", () => {
    const out = callbackSchema.parse({ ...samples.callbackUa(), operation: { status: "SUCCESS" } })
    expect(out.hppOrderId).toBe(samples.callbackUa().hppOrderId)
    expect(out.operations).toEqual([])
    const bare = callbackSchema.parse({ hppOrderId: " 1783591442895jb5dQjA1bUl " })
    expect(bare).toMatchObject({ hppOrderId: "1783591442895jb5dQjA1bUl", operations: [] })
    expect(bare.orderStatus).toBeUndefined()
    const odd = callbackSchema.parse({
      hppOrderId: "1783591442895jb5dQjA1bUl",
      orderStatus: 7,
      coinAmount: "ten",
      paymentMethods: "CARD",
      merchantRequestId: null,
      operations: [{}, null, "x", samples.callbackUa().operation],
    })
    expect(odd.orderStatus).toBeUndefined()
    expect(odd.coinAmount).toBeUndefined()
    expect(odd.paymentMethods).toBeUndefined()
    expect(odd.operations.map((o) => o.type)).toEqual(["PURCHASE"])
  })
})

describe("homoglyphs (§11.6)", () => {
  it("normaliseHomoglyphs fixes Cyrillic С in Latin keys and enum values, then the callback parses", () => {
    const raw = samples.callbackHomoglyphs()
    expect(raw.orderStatus).not.toBe("SUCCESS")
    const fixed = normaliseHomoglyphs(raw) as Record<string, unknown>
    const out = callbackSchema.parse(fixed)
    expect(out.orderStatus).toBe("SUCCESS")
    expect(out.operations[0].status).toBe("SUCCESS")
    expect(out.operations[0]).toMatchObject({ senderCountry: "804", senderCity: "Київ", recipientCountry: "804" })
    expect(out.operations[0]).not.toHaveProperty("sender\u0421ountry")
  })

  it("leaves Ukrainian text, mixed-case values and non-string values alone", () => {
    const value = {
      purpose: "Сплата за замовлення",
      city: "СУМИ",
      name: "Світлана",
      code: "С",
      flag: true,
      amount: 5,
      list: ["SU\u0421CESS", "Сума"],
      nothing: null,
    }
    expect(normaliseHomoglyphs(value)).toEqual({ ...value, list: ["SUCCESS", "Сума"] })
  })
})

describe("refund response (§6.3)", () => {
  it("UA sample (creationDateTime) parses; unknown fields survive", () => {
    const out = refundResponseSchema.parse(samples.refundResponseUa())
    expect(out).toMatchObject({
      type: "REFUND",
      status: "PENDING",
      coinAmount: 500,
      creationDateTime: "2026.01.10 14:30:46.001",
      productType: "PURCHASE",
      rrnOriginal: "536012345678",
      hppOrderId: "1767000000000AbCdEfGhIjK",
    })
  })

  it("EN sample: createDateTime becomes creationDateTime and string amounts become numbers", () => {
    const out = refundResponseSchema.parse(samples.refundResponseEn())
    expect(out.creationDateTime).toBe("2026.01.10 14:30:46.001")
    expect(out).not.toHaveProperty("createDateTime")
    expect(out.coinAmount).toBe(2500)
    expect(out.originalCoinAmount).toBe(12550)
    expect(out).toHaveProperty("rrnOriginal", "536012345678")
  })

  it("creationDateTime wins when both spellings are present", () => {
    const out = refundResponseSchema.parse({ ...samples.refundResponseUa(), createDateTime: "2000.01.01 00:00:00.000" })
    expect(out.creationDateTime).toBe("2026.01.10 14:30:46.001")
  })
})

describe("error bodies (§9)", () => {
  it("ERROR sample parses and keeps its extra fields", () => {
    const out = errorBodySchema.parse(samples.errorBody())
    expect(out).toMatchObject({
      msgType: "ERROR",
      msgCode: "b_hpp_order_not_found",
      msgText: "@The HPP order not found",
      serviceId: "api-gateway",
      isLocalized: false,
      msgAttrs: {},
      errorCauses: [],
    })
  })

  it("VALIDATION_ERROR parses with its details", () => {
    const out = errorBodySchema.parse(samples.validationErrorBody())
    expect(out.msgType).toBe("VALIDATION_ERROR")
    expect(out.validation).toEqual(samples.validationErrorBody().validation)
  })

  it("is not matched by successful answers", () => {
    expect(errorBodySchema.safeParse(samples.createOrderResponse()).success).toBe(false)
    expect(errorBodySchema.safeParse(samples.authorizeResponseWrapper()).success).toBe(false)
    expect(errorBodySchema.safeParse(samples.callbackUa()).success).toBe(false)
  })
})
