import { randomUUID } from "node:crypto"
import { expect, it } from "vitest"
import { encryptJson, importPublicKey, type EcJwk } from "../../src/core/bank/jwe"
import {
  BANK,
  bankCalls,
  bankOrder,
  callbackAttempts,
  createdBankOrders,
  CARDS,
  merchantOrders,
  operationsCalls,
  payOnHostedPage,
  paymentsOf,
  postCallback,
  sandboxControl,
  sleep,
  waitFor,
  waitForIdle,
} from "../support/medusa/alliance"
import { CART_KOPECKS, callbackHandled, capturedOrder, cartAtTheBank, cartOf, describeWithAlliancePay, expectOneCapturedOrder } from "../support/medusa/suite"

/**
 * Issue 3, the bank's side: callbacks are triggers only. Whatever a body claims, the provider
 * re-reads the bank; and however often the bank repeats itself, the merchant gets one order.
 */
describeWithAlliancePay("Alliance Pay callbacks", (suite) => {
  /** A callback for this real bank order claiming it was paid, in the bank's §7.2 envelope. */
  function successClaim(order: Record<string, any>, overrides: { coinAmount?: number } = {}) {
    const coinAmount = overrides.coinAmount ?? order.coinAmount
    const operation = {
      type: "PURCHASE",
      operationId: `${Date.now()}FORGEDforged`.slice(0, 24),
      ecomOperationId: randomUUID(),
      hppOrderId: order.hppOrderId,
      status: "SUCCESS",
      transactionType: 35,
      coinAmount,
      transactionCurrency: "980",
      rrn: "123456789012",
      approvalCode: "654321",
      transactionResponseInfo: { actionCode: "0", responseCode: "00", description: "Approved" },
      paymentServiceType: "CARD",
      paymentSystem: "VISA",
      cardNumberMask: "411111******1111",
    }
    const envelope = {
      hppOrderId: order.hppOrderId,
      ecomOrderId: order.ecomOrderId,
      merchantRequestId: order.merchantRequestId,
      merchantId: order.merchantId,
      hppPayType: "PURCHASE",
      orderStatus: "SUCCESS",
      coinAmount,
      paymentMethods: order.paymentMethods,
      createDate: order.createDate,
      expiredOrderDate: order.expiredOrderDate,
      redirectUrl: order.redirectUrl,
      statusUrl: order.statusUrl,
      hppDirectType: "REDIRECT",
      tryMode: "ONE_TRY",
      notificationUrl: order.notificationUrl,
      notificationEncryption: false,
    }
    return {
      operation: { ...envelope, operation },
      operationsObject: { ...envelope, operations: operation },
      operationsArray: { ...envelope, operations: [operation] },
    }
  }

  it("5. forged callbacks (every shape, encrypted, wrong amount, unknown order, garbage) change nothing anywhere", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    const sandbox = suite.world.sandbox
    const order = await bankOrder(sandbox, hpp)
    expect(order).toMatchObject({ orderStatus: "PENDING", operations: [] })
    const claim = successClaim(order)
    const publicKey = await importPublicKey(sandbox.merchant.publicJwk as EcJwk)
    const unknown = successClaim({ ...order, hppOrderId: "1795800000000UNKNOWNxxxx", merchantRequestId: randomUUID(), ecomOrderId: randomUUID() })

    // about the real, unpaid bank order: each must make the provider re-read it, and believe the bank
    const aboutTheOrder: [string, unknown, string?][] = [
      ["operation", claim.operation],
      ["operations object", claim.operationsObject],
      ["operations array", claim.operationsArray],
      ["encrypted", await encryptJson(claim.operation, publicKey), "text/plain"],
      ["wrong amount", successClaim(order, { coinAmount: 100 }).operation],
    ]
    const elsewhere: [string, unknown, string?][] = [
      ["unknown bank order", unknown.operation],
      ["garbage text", "}{ definitely not a callback", "text/plain"],
      ["garbage JSON", { hello: "world", orderStatus: "SUCCESS" }],
      ["a JWE that is not", "aaa.bbb.ccc.ddd.eee", "text/plain"],
      ["broken JSON", "{\"hppOrderId\":", "application/json"],
    ]
    for (const [what, body, type] of [...aboutTheOrder, ...elsewhere]) {
      const status = await postCallback(suite.world.medusaUrl, body, type)
      expect(status, what).toBeLessThan(500)
    }

    await waitFor("the provider's re-read", async () => (await operationsCalls(sandbox, hpp)).length >= 1)
    // callbacks that arrived during the first read wait out the read window (2 s) for one more
    await sleep(4000)
    // none of them started Medusa's payment processing
    expect(suite.processPayment.begun).toBe(0)
    // re-reads of the real order only (at most one per window: see bank-calls.test.ts), none for anything else, and no retry loop
    const reads = (await bankCalls(sandbox, BANK.orderOperations)).map((c) => c.body?.hppOrderId)
    expect(reads.length).toBeGreaterThanOrEqual(1)
    expect(reads.length).toBeLessThanOrEqual(aboutTheOrder.length)
    expect(new Set(reads)).toEqual(new Set([hpp]))

    // nothing changed: no order, the cart is open, its session still pending, the bank order untouched
    expect(await merchantOrders(suite.client)).toEqual([])
    const openCart = await cartOf(suite, cart.id)
    expect(openCart.completed_at).toBeFalsy()
    expect(openCart.payment_collection.status).toBe("not_paid")
    expect(openCart.payment_collection.payment_sessions.map((s: { status: string }) => s.status)).toEqual(["pending"])
    expect(await bankOrder(sandbox, hpp)).toMatchObject({ orderStatus: "PENDING", operations: [] })
    expect(await createdBankOrders(sandbox)).toHaveLength(1)
    expect(suite.loggedErrors).toEqual([])

    // and the real payment still goes through: the same re-read then says SUCCESS
    await payOnHostedPage(redirectUrl, CARDS.visa)
    await capturedOrder(suite)
    await expectOneCapturedOrder(suite)
  })

  it("6. ten identical callbacks at once: one order, one capture", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "duplicate", copies: 10 })
    await payOnHostedPage(redirectUrl, CARDS.visa)

    await waitFor("ten deliveries", async () => (await callbackAttempts(suite.world.sandbox, hpp)).filter((a) => a.result === "delivered").length === 10)
    await capturedOrder(suite)
    // the first callback's read finds it paid; the others are answered from that record, without the bank
    await waitFor("the provider's re-read", async () => (await operationsCalls(suite.world.sandbox, hpp)).length >= 1)
    // callbacks that came while one of theirs still waited in Medusa's queue joined it, and one that found the
    // order already in Medusa started nothing: between one and ten workflow runs, however the ten interleaved
    await waitForIdle(suite.processPayment, { atLeast: 1 })
    expect(suite.processPayment.errors).toEqual([])
    expect(suite.processPayment.finished).toBe(suite.processPayment.begun)
    expect(suite.processPayment.begun).toBeLessThanOrEqual(10)
    const order = await expectOneCapturedOrder(suite)
    expect((await cartOf(suite, cart.id)).completed_at).toBeTruthy()
    expect(paymentsOf(order)[0].data.hpp_order_id).toBe(hpp)
    expect((await callbackAttempts(suite.world.sandbox, hpp)).map((a) => [a.copy, a.httpStatus]).sort((a, b) => a[0]! - b[0]!)).toEqual(
      Array.from({ length: 10 }, (_, i) => [i + 1, 200])
    )
    expect(suite.loggedErrors).toEqual([])
  })

  it("6b. ten identical callbacks at once for an order awaiting payment: captured once", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.slowBank)
    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe("order")
    expect((await merchantOrders(suite.client))[0].payment_status).toBe("awaiting")

    await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "duplicate", copies: 10 })
    await sandboxControl(suite.world.sandbox, `/orders/${hpp}/settle`, { status: "SUCCESS" })
    await waitFor("ten deliveries", async () => (await callbackAttempts(suite.world.sandbox, hpp)).filter((a) => a.result === "delivered").length === 10)
    await capturedOrder(suite)
    await waitForIdle(suite.processPayment, { atLeast: 1 })
    expect(suite.processPayment.errors).toEqual([])
    expect(suite.processPayment.finished).toBe(suite.processPayment.begun)
    const order = await expectOneCapturedOrder(suite)
    expect(order.id).toBe(completed.order.id)
    expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "SUCCESS", coinAmount: CART_KOPECKS })
    expect(suite.loggedErrors).toEqual([])
  })

  it("7. the bank repeats a callback for an order Medusa already has: no workflow run, no bank call, nothing changes", async () => {
    const { hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.visa)
    const before = await capturedOrder(suite)
    await waitForIdle(suite.processPayment, { atLeast: 1 })
    await sleep(2_500) // past the read window: a read now would be a new one
    suite.processPayment.reset()
    await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")

    const repeatedAt = Date.now()
    for (let i = 0; i < 3; i++) expect(await postCallback(suite.world.medusaUrl, { hppOrderId: hpp, orderStatus: "SUCCESS" })).toBe(200)
    // verified (Settings shows it) from our record: the order is paid with nothing pending
    expect(await callbackHandled(suite, hpp, repeatedAt)).toMatchObject({ outcome: "verified" })
    await waitForIdle(suite.processPayment)
    expect(suite.processPayment.begun).toBe(0)
    expect(await operationsCalls(suite.world.sandbox, hpp)).toEqual([])
    const after = await expectOneCapturedOrder(suite)
    expect(after.id).toBe(before.id)
    expect(paymentsOf(after)[0].captures).toHaveLength(1)
    expect(suite.loggedErrors).toEqual([])
  })
})
