import { expect, it } from "vitest"
import { cartReadyForPayment, expectApiError, startPayment } from "../support/medusa"
import { ALLIANCE_PROVIDER, CARDS, merchantOrders, operationsCalls, payOnHostedPage, sandboxControl, waitFor } from "../support/medusa/alliance"
import { cartAtTheBank, describeWithAlliancePay, type AllianceSuite } from "../support/medusa/suite"

/**
 * Issue 15, "a return page that never guesses": GET /store/alliance-pay/carts/:id/payment-status
 * answers one cart's Alliance Pay payment from our records, re-reading the bank only while the
 * record is open, and the return page completes the cart only on paid / in progress.
 */
const statusOf = async ({ client }: AllianceSuite, cartId: string) =>
  (await client.store.get(`/store/alliance-pay/carts/${cartId}/payment-status`)).payment

/** What the storefront's return page does: ask, and complete only when the bank says paid or in progress. */
async function returnPage(suite: AllianceSuite, cartId: string) {
  const payment = await statusOf(suite, cartId)
  if ((payment.status === "paid" || payment.status === "in_progress") && !payment.order_id) {
    const completed = await suite.client.store.post(`/store/carts/${cartId}/complete`)
    expect(completed.type).toBe("order")
    return { payment: await statusOf(suite, cartId), order: completed.order }
  }
  return { payment, order: undefined }
}

describeWithAlliancePay("the cart's payment status for the return page", (suite) => {
  it("refuses what is not a question about one cart: no publishable key, a malformed id, a query, an unknown cart", async () => {
    const { cart } = await cartAtTheBank(suite)
    const url = `/store/alliance-pay/carts/${cart.id}/payment-status`
    const anonymous = await suite.client.anonymous.raw({ url, method: "get" })
    expect(anonymous.status).toBe(400)
    expect(anonymous.data.message).toMatch(/publishable/i)
    const malformed = await expectApiError(suite.client.store.get(`/store/alliance-pay/carts/not-a-cart/payment-status`))
    expect(malformed.status).toBe(400)
    expect((malformed.body as { message: string }).message).toContain("cart id")
    expect((await expectApiError(suite.client.store.get(url, { params: { fields: "*" } }))).status).toBe(400)
    expect((await expectApiError(suite.client.store.get(`/store/alliance-pay/carts/cart_01JZZZZZZZZZZZZZZZZZZZZZZZ/payment-status`))).status).toBe(404)
  })

  it("a cart without Alliance Pay: none; a cart at the bank: pending with the way back to the bank's page, one bank read per window", async () => {
    const plain = await cartReadyForPayment(suite.client, suite.seed)
    await startPayment(suite.client, plain.id, "pp_system_default")
    expect(await statusOf(suite, plain.id)).toMatchObject({ cart_id: plain.id, status: "none", final: true, order_id: null, reason: null })

    const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
    const answers = await Promise.all(Array.from({ length: 5 }, () => statusOf(suite, cart.id)))
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: "pending", final: false, order_id: null, bank_order: hpp, redirect_url: redirectUrl, reason: null })
    }
    // five questions at once, one read of the bank
    expect(await operationsCalls(suite.world.sandbox, hpp)).toHaveLength(1)
  })

  it("declined, then paid again: the failure comes with the bank's reason in both languages, and the only order is #1", async () => {
    const { cart, redirectUrl, hpp } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.declined)
    const failed = await returnPage(suite, cart.id)
    expect(failed.order).toBeUndefined()
    expect(failed.payment).toMatchObject({ status: "failed", final: true, order_id: null, bank_order: hpp, redirect_url: null })
    expect(failed.payment.reason).toMatchObject({ code: "1/05", bank_text: "declined: do not honor" })
    expect(failed.payment.reason.uk).toContain("відхилив")
    expect(failed.payment.reason.en).toContain("declined")

    // "pay again": a new session, a new bank order; the failure above never reached cart completion
    const again = await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
    const session = again.payment_sessions.find((s: { provider_id: string }) => s.provider_id === ALLIANCE_PROVIDER)
    await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 10 })
    await payOnHostedPage(session.data.redirect_url, CARDS.visa)
    const paid = await returnPage(suite, cart.id)
    expect(paid.order).toBeDefined()
    expect(paid.payment).toMatchObject({ status: "paid", final: true, order_id: paid.order.id, bank_order: session.data.hpp_order_id, reason: null })
    const orders = await merchantOrders(suite.client)
    expect(orders.map((o) => [o.id, o.payment_status])).toEqual([[paid.order.id, "captured"]])
    expect(paid.order.display_id).toBe(1)
  })

  it("why the return page asks first: completing a declined cart (what it did before) uses up an order number", async () => {
    const { cart, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.declined)
    const refused = await expectApiError(suite.client.store.post(`/store/carts/${cart.id}/complete`))
    expect(refused.status).toBe(400)
    // Medusa's own message, not the bank's reason: what the shopper used to see
    expect((refused.body as { message: string }).message).toMatch(/payses_.*not authorized/)
    const again = await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
    await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 10 })
    await payOnHostedPage(again.payment_sessions[0].data.redirect_url, CARDS.visa)
    const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
    // the refused completion created an order and deleted it again: its number is gone
    expect(completed.order.display_id).toBe(2)
  })

  it("the bank still confirming: the cart becomes an order awaiting payment, and the status turns paid when the bank settles", async () => {
    const { cart, redirectUrl, hpp } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.slowBank)
    const placed = await returnPage(suite, cart.id)
    expect(placed.payment).toMatchObject({ status: "in_progress", final: false, order_id: placed.order.id, redirect_url: null })
    await sandboxControl(suite.world.sandbox, `/orders/${hpp}/settle`, { status: "SUCCESS" })
    const paid = await waitFor("the status to turn paid", async () => {
      const payment = await statusOf(suite, cart.id)
      return payment.status === "paid" ? payment : undefined
    })
    expect(paid).toMatchObject({ final: true, order_id: placed.order.id })
    // the callback brings Medusa's own payment in line
    await waitFor("the order captured", async () => (await merchantOrders(suite.client))[0]?.payment_status === "captured")
  })

  it("is rate-limited per cart: a burst gets 429 with Retry-After, another cart is not affected", async () => {
    const busy = "cart_01BUSYBUSYBUSYBUSYBUSYBUSY"
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => suite.client.store.raw({ url: `/store/alliance-pay/carts/${busy}/payment-status`, method: "get" }))
    )
    const limited = answers.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(answers.filter((r) => r.status === 404).length).toBeGreaterThan(0)
    expect(Number(limited[0].headers["retry-after"])).toBeGreaterThan(0)
    expect(limited[0].data.message).toMatch(/too many/i)
    const { cart } = await cartAtTheBank(suite)
    expect((await statusOf(suite, cart.id)).status).toBe("pending")
  })
})
