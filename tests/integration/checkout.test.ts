import { expect, it } from "vitest"
import { cartReadyForPayment, expectApiError } from "../support/medusa"
import {
  ALLIANCE_PROVIDER,
  answerThreeDs,
  BANK,
  bankCalls,
  bankOrder,
  callbackAttempts,
  createdBankOrders,
  CARDS,
  hppIdOf,
  merchantOrders,
  operationsCalls,
  payOnHostedPage,
  paymentsOf,
  sandboxControl,
  waitFor,
  waitForIdle,
} from "../support/medusa/alliance"
import { callbackHandled, capturedOrder, CART_KOPECKS, CART_TOTAL, cartAtTheBank, cartOf, describeWithAlliancePay, expectOneCapturedOrder } from "../support/medusa/suite"

/**
 * Issue 3, the shopper's side: Medusa's Store API, the sandbox bank's hosted page driven as a
 * shopper (form posts) and its control API, and what the merchant then sees in the Admin API.
 */
describeWithAlliancePay("checkout with Alliance Pay", (suite) => {
  it("1. happy path: pay on the bank's page, the callback completes the cart into one captured order", async () => {
    const { cart, session, redirectUrl, hpp } = await cartAtTheBank(suite)
    expect(redirectUrl).toMatch(new RegExp(`^${suite.world.sandbox.url}/hpp/`))
    expect(session.data).toMatchObject({ hpp_order_id: hpp, amount: String(CART_TOTAL), currency_code: "uah", state: "pending" })
    const created = await createdBankOrders(suite.world.sandbox)
    expect(created).toHaveLength(1)
    expect(created[0].body).toMatchObject({
      coinAmount: CART_KOPECKS,
      merchantId: suite.world.sandbox.merchant.merchantId,
      hppPayType: "PURCHASE",
      notificationUrl: `${suite.world.medusaUrl}/hooks/payment/alliancepay_alliancepay`,
      successUrl: `http://127.0.0.1:9/shop/return?cart_id=${cart.id}`,
      customerData: expect.objectContaining({ senderEmail: "shopper@alliancepay.test", senderCountry: "804", senderCity: "Kyiv" }),
    })

    await payOnHostedPage(redirectUrl, CARDS.visa)
    await capturedOrder(suite)
    const order = await expectOneCapturedOrder(suite)
    expect((await cartOf(suite, cart.id)).completed_at).toBeTruthy()
    // the bank got exactly what the cart costs and says it is paid; the callback was answered 200
    expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ coinAmount: CART_KOPECKS, orderStatus: "SUCCESS" })
    expect((await callbackAttempts(suite.world.sandbox, hpp)).map((a) => [a.operationStatus, a.httpStatus])).toEqual([["SUCCESS", 200]])
    expect(paymentsOf(order)[0].data).toMatchObject({ hpp_order_id: hpp, state: "captured" })
    expect(suite.loggedErrors).toEqual([])
  })

  it("2. the shopper returns before the callback: one order, and the late callback changes nothing", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "delay", delayMs: 5000 })

    const landing = await payOnHostedPage(redirectUrl, CARDS.visa)
    expect(landing).toContain(`/status/?hpp_id=${hpp}`)
    // back in the shop before the bank's callback: the storefront completes the cart
    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe("order")
    expect((await callbackAttempts(suite.world.sandbox, hpp)).filter((a) => a.result === "delivered")).toEqual([])
    const readsBefore = (await operationsCalls(suite.world.sandbox, hpp)).length

    // the late callback arrives; the bank order is paid with nothing pending, so our record answers it...
    const lateFrom = Date.now()
    await waitFor("the late callback", async () => (await callbackAttempts(suite.world.sandbox, hpp)).find((a) => a.result === "delivered"))
    expect(await callbackHandled(suite, hpp, lateFrom)).toMatchObject({ outcome: "verified" })
    await waitForIdle(suite.processPayment)
    expect(await operationsCalls(suite.world.sandbox, hpp)).toHaveLength(readsBefore)
    // ...Medusa already has the payment and its order, so it starts no workflow...
    expect(suite.processPayment).toMatchObject({ begun: 0, errors: [] })
    // ...and it changes nothing: still one order, one payment, one capture of the exact amount
    const order = await expectOneCapturedOrder(suite)
    expect(order.id).toBe(completed.order.id)
    expect((await callbackAttempts(suite.world.sandbox, hpp)).map((a) => a.httpStatus)).toEqual([200])
    expect(await createdBankOrders(suite.world.sandbox)).toHaveLength(1)
    expect(suite.loggedErrors).toEqual([])
  })

  it("3. a declined card gives no order; the shopper pays again with a new session (3-D Secure) and succeeds", async () => {
    const { cart, collection, hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.declined)
    await waitFor("the decline callback", async () => (await callbackAttempts(suite.world.sandbox, hpp)).find((a) => a.result === "delivered"))
    expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "FAIL" })

    // back in the shop: completing the cart is refused, no order exists
    const attempt = await suite.client.store.raw({ method: "post", url: `/store/carts/${cart.id}/complete` })
    expect(attempt.status).toBeLessThan(500)
    expect(attempt.data.type).not.toBe("order")
    expect(JSON.stringify(attempt.data)).toMatch(/not authorized|declined/i)
    expect(await merchantOrders(suite.client)).toEqual([])
    expect((await cartOf(suite, cart.id)).completed_at).toBeFalsy()

    // a new session: a fresh bank order for the same amount, and this time the card works
    const { payment_collection } = await suite.client.store.post(`/store/payment-collections/${collection.id}/payment-sessions`, {
      provider_id: ALLIANCE_PROVIDER,
      data: { cart_id: cart.id },
    })
    const retry = payment_collection.payment_sessions.find((s: { provider_id: string }) => s.provider_id === ALLIANCE_PROVIDER)
    const retryHpp = hppIdOf(retry.data.redirect_url)
    expect(retryHpp).not.toBe(hpp)
    // this time with a card that asks for 3-D Secure, which the shopper confirms
    const challenge = await payOnHostedPage(retry.data.redirect_url, CARDS.threeDs)
    expect(challenge).toContain(`/hpp/3ds?hpp_id=${retryHpp}`)
    expect(await bankOrder(suite.world.sandbox, retryHpp)).toMatchObject({ orderStatus: "REQUIRED_3DS" })
    await answerThreeDs(challenge, "confirm")
    await capturedOrder(suite)
    const order = await expectOneCapturedOrder(suite)
    expect(paymentsOf(order)[0].data.hpp_order_id).toBe(retryHpp)

    const created = await createdBankOrders(suite.world.sandbox)
    expect(created.map((c) => c.body?.coinAmount)).toEqual([CART_KOPECKS, CART_KOPECKS])
    expect(new Set(created.map((c) => c.body?.merchantRequestId)).size).toBe(2)
    expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "FAIL" })
    expect(await bankOrder(suite.world.sandbox, retryHpp)).toMatchObject({ orderStatus: "SUCCESS", coinAmount: CART_KOPECKS })
    // Medusa's own log line for the refused completion, nothing else
    expect(suite.loggedErrors).toEqual([expect.stringMatching(/^Error was thrown trying to authorize payment session .* was not authorized with the provider\.$/)])
  })

  it("4a. bank slow: the order awaits payment, then the bank's success captures it", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.slowBank)
    expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "PENDING" })

    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe("order")
    let [order] = await merchantOrders(suite.client)
    expect(order).toMatchObject({ id: completed.order.id, total: CART_TOTAL, status: "pending", payment_status: "awaiting" })
    expect(paymentsOf(order)).toEqual([])
    expect(order.summary).toMatchObject({ paid_total: 0 })

    await sandboxControl(suite.world.sandbox, `/orders/${hpp}/settle`, { status: "SUCCESS" })
    order = await capturedOrder(suite)
    expect(order.id).toBe(completed.order.id)
    await expectOneCapturedOrder(suite)
    expect(suite.loggedErrors).toEqual([])
  })

  it("4b. bank slow, then the bank declines: the waiting order is canceled with a note saying why", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.slowBank)
    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe("order")

    await sandboxControl(suite.world.sandbox, `/orders/${hpp}/settle`, { status: "FAIL" })
    const order = await waitFor("the order canceled", async () => {
      const [o] = await merchantOrders(suite.client)
      return o?.status === "canceled" ? o : undefined
    })
    expect(order.id).toBe(completed.order.id)
    expect(order.metadata.alliancepay_note).toMatch(/^Canceled: the bank declined the payment/)
    expect(order.payment_status).not.toBe("captured")
    expect(paymentsOf(order).filter((p) => p.captured_at)).toEqual([])
    expect(await merchantOrders(suite.client)).toHaveLength(1)
    expect(suite.loggedErrors).toEqual([])
  })

  it("7. bank 5xx / timeout on create-order: a clear 4xx to the storefront, and a retry creates exactly one bank order", async () => {
    const cart = await cartReadyForPayment(suite.client, suite.seed, { quantity: 2 })
    const { payment_collection } = await suite.client.store.post(`/store/payment-collections`, { cart_id: cart.id })
    const startSession = () =>
      suite.client.store.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, {
        provider_id: ALLIANCE_PROVIDER,
        data: { cart_id: cart.id },
      })

    await sandboxControl(suite.world.sandbox, "/faults", { path: BANK.createOrder, kind: "5xx" })
    const overloaded = await expectApiError(startSession())
    expect(overloaded.status).toBeGreaterThanOrEqual(400)
    expect(overloaded.status).toBeLessThan(500)
    expect((overloaded.body as { message: string }).message).toMatch(/Alliance Pay is not answering right now.*try again/)

    await sandboxControl(suite.world.sandbox, "/faults", { kind: "timeout", delayMs: 5000 })
    const started = Date.now()
    const timedOut = await expectApiError(startSession())
    expect(Date.now() - started).toBeLessThan(4500) // our 2 s timeout, not the bank's 5 s hang
    expect(timedOut.status).toBeGreaterThanOrEqual(400)
    expect(timedOut.status).toBeLessThan(500)
    expect((timedOut.body as { message: string }).message).toMatch(/Alliance Pay is not answering right now.*try again/)

    // the shopper retries: one bank order, and it is payable
    const { payment_collection: withSession } = await startSession()
    expect(withSession.payment_sessions).toHaveLength(1)
    const session = withSession.payment_sessions[0]
    const calls = await bankCalls(suite.world.sandbox, BANK.createOrder)
    expect(calls.filter((c) => c.fault).map((c) => [c.fault!.kind, c.httpStatus])).toEqual([
      ["5xx", 503],
      ["timeout", null],
    ])
    expect(await createdBankOrders(suite.world.sandbox)).toHaveLength(1)
    const { orders } = await sandboxControl(suite.world.sandbox, "/orders")
    expect(orders.map((o: { hppOrderId: string }) => o.hppOrderId)).toEqual([session.data.hpp_order_id])

    await payOnHostedPage(session.data.redirect_url, CARDS.visa)
    await capturedOrder(suite)
    await expectOneCapturedOrder(suite)
  })

  it("8. the bank session expires mid-checkout: one transparent re-authorization, the shopper notices nothing", async () => {
    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")
    await sandboxControl(suite.world.sandbox, "/session/expire", {})

    await payOnHostedPage(redirectUrl, CARDS.visa)
    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    expect(completed.type).toBe("order")
    // the bank's callback, racing the shopper, re-reads the bank too
    await waitFor("the callback", async () => (await callbackAttempts(suite.world.sandbox, hpp)).find((a) => a.result === "delivered"))
    await waitForIdle(suite.processPayment, { atLeast: 1 })
    await expectOneCapturedOrder(suite)

    const calls = await bankCalls(suite.world.sandbox)
    expect(calls.filter((c) => c.path === BANK.authorize)).toHaveLength(1)
    const reads = calls.filter((c) => c.path === BANK.orderOperations && c.body?.hppOrderId === hpp)
    expect(reads.map((c) => c.msgCode)).toContain("b_expired_token")
    expect(reads.at(-1)).toMatchObject({ httpStatus: 200 })
    expect(suite.loggedErrors).toEqual([])
  })

  it("9. a cart in a currency the bank does not take gets a clear 4xx naming it; nothing reaches the bank", async () => {
    await suite.client.admin.post(`/admin/stores/${suite.seed.storeId}`, {
      supported_currencies: [{ currency_code: "uah", is_default: true }, { currency_code: "eur" }],
    })
    const { region } = await suite.client.admin.post("/admin/regions", {
      name: "Eurozone",
      currency_code: "eur",
      countries: ["de"],
      payment_providers: [ALLIANCE_PROVIDER],
    })
    await suite.client.admin.post(`/admin/products/${suite.seed.productId}/variants/${suite.seed.variantId}`, {
      prices: [
        { currency_code: "uah", amount: 1250.5 },
        { currency_code: "eur", amount: 29.99 },
      ],
    })
    const { cart } = await suite.client.store.post("/store/carts", { region_id: region.id })
    await suite.client.store.post(`/store/carts/${cart.id}/line-items`, { variant_id: suite.seed.variantId, quantity: 1 })
    const { payment_collection } = await suite.client.store.post(`/store/payment-collections`, { cart_id: cart.id })

    const refused = await expectApiError(
      suite.client.store.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: ALLIANCE_PROVIDER })
    )
    expect(refused.status).toBe(400)
    expect((refused.body as { message: string }).message).toMatch(/UAH only; this cart is in EUR/)
    expect(await bankCalls(suite.world.sandbox, BANK.createOrder)).toEqual([])
    const { payment_collection: after } = await suite.client.store.post(`/store/payment-collections`, { cart_id: cart.id })
    expect(after.payment_sessions ?? []).toEqual([])
  })
})
