import { expect, it } from "vitest"
import {
  BANK,
  bankCalls,
  bankOrder,
  callbackAttempts,
  CARDS,
  operationsCalls,
  payOnHostedPage,
  paymentsOf,
  postCallback,
  sandboxControl,
  sleep,
  waitFor,
  waitForIdle,
} from "../support/medusa/alliance"
import { callbackHandled, capturedOrder, cartAtTheBank, cartOf, describeWithAlliancePay, expectOneCapturedOrder } from "../support/medusa/suite"

/** Long enough that a burst on a busy machine falls within one window. */
const READ_WINDOW_MS = 5_000

/**
 * Issue 12, "ask the bank only what you must": callbacks and shoppers' returns re-read a bank
 * order at most once per window, and not at all once it can no longer change. Counted from the
 * sandbox bank's own log of what it received.
 */
describeWithAlliancePay(
  "Alliance Pay: bank calls per payment",
  (suite) => {
    /**
     * Every call the bank received but the device authorization (one per bank session, not per payment) and
     * the calls it refused for want of a session: the sandbox's reset between tests forgets the session.
     */
    const paymentCalls = async () =>
      (await bankCalls(suite.world.sandbox)).filter((c) => c.path !== BANK.authorize && c.msgCode !== "b_session_doesnt_exist").map((c) => c.path)
    const delivered = async (hpp: string) => (await callbackAttempts(suite.world.sandbox, hpp)).filter((a) => a.result === "delivered")

    it("a payment with ten duplicate callbacks and a shopper who completes the cart again and again: create-order and one read", async () => {
      const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "duplicate", copies: 10 })
      await payOnHostedPage(redirectUrl, CARDS.visa)

      await waitFor("ten deliveries", async () => (await delivered(hpp)).length === 10)
      await capturedOrder(suite)
      await waitForIdle(suite.processPayment, { atLeast: 1 })
      // the shopper comes back (and the storefront retries completing the cart)
      for (let i = 0; i < 3; i++) {
        const again = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
        expect(again.type).toBe("order")
        expect((await cartOf(suite, cart.id)).completed_at).toBeTruthy()
      }
      // the callbacks that came while one of theirs waited in Medusa's queue joined it (callbacks.test.ts, 6)
      expect(suite.processPayment.errors).toEqual([])
      expect(suite.processPayment.finished).toBe(suite.processPayment.begun)
      const order = await expectOneCapturedOrder(suite)
      expect(paymentsOf(order)[0].data.hpp_order_id).toBe(hpp)
      expect(await paymentCalls()).toEqual([BANK.createOrder, BANK.orderOperations])
      expect(suite.loggedErrors).toEqual([])
    })

    it("the shopper returns first and retries; the late callbacks are answered from our record: create-order and one read", async () => {
      const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "delay", delayMs: 1500 })
      const paidAt = Date.now()
      await payOnHostedPage(redirectUrl, CARDS.visa)

      const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
      expect(completed.type).toBe("order")
      for (let i = 0; i < 3; i++) expect((await suite.client.store.post(`/store/carts/${cart.id}/complete`)).type).toBe("order")

      await waitFor("the late callbacks", async () => (await delivered(hpp)).length >= 1)
      await callbackHandled(suite, hpp, paidAt)
      // the order was in Medusa before the callback came: no workflow, unless it was still being completed
      await waitForIdle(suite.processPayment)
      expect(suite.processPayment.begun).toBeLessThanOrEqual(1)
      expect(suite.processPayment.errors).toEqual([])
      const order = await expectOneCapturedOrder(suite)
      expect(order.id).toBe(completed.order.id)
      expect(await paymentCalls()).toEqual([BANK.createOrder, BANK.orderOperations])
      expect(suite.loggedErrors).toEqual([])
    })

    it("twenty callbacks at once about an unpaid order: at most one read per window (a leading and a trailing one)", async () => {
      const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
      const order = await bankOrder(suite.world.sandbox, hpp)
      const rumour = { hppOrderId: hpp, merchantRequestId: order.merchantRequestId, orderStatus: "PENDING", coinAmount: order.coinAmount }
      const statuses = await Promise.all(Array.from({ length: 20 }, () => postCallback(suite.world.medusaUrl, rumour)))
      expect(statuses.every((s) => s < 300)).toBe(true)

      await waitFor("the first read", async () => (await operationsCalls(suite.world.sandbox, hpp)).length >= 1)
      // every callback that came after the first read began waits for a read that begins after it: one, after the window
      await sleep(READ_WINDOW_MS + 4_000)
      const reads = (await operationsCalls(suite.world.sandbox, hpp)).length
      expect(reads).toBeGreaterThanOrEqual(1)
      expect(reads).toBeLessThanOrEqual(2)
      expect(suite.processPayment.begun).toBe(0)

      // the order still pays normally: its callback is read, as a rumour must be
      await payOnHostedPage(redirectUrl, CARDS.visa)
      await capturedOrder(suite)
      await waitForIdle(suite.processPayment, { atLeast: 1 })
      await expectOneCapturedOrder(suite)
      expect((await cartOf(suite, cart.id)).completed_at).toBeTruthy()
      expect((await operationsCalls(suite.world.sandbox, hpp)).length).toBe(reads + 1)
      expect(suite.loggedErrors).toEqual([])
    })

    it("a refund: the refund call and at most one read; callbacks after it is settled cost nothing", async () => {
      const { hpp, redirectUrl } = await cartAtTheBank(suite)
      await payOnHostedPage(redirectUrl, CARDS.visa)
      const order = await capturedOrder(suite)
      await waitForIdle(suite.processPayment, { atLeast: 1 })
      const payment = paymentsOf(order)[0]
      await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")
      const deliveredBefore = (await delivered(hpp)).length

      const refunded = await suite.client.admin.post(`/admin/payments/${payment.id}/refund`, { amount: 500 })
      expect(refunded.payment.refunds.map((r: { amount: number }) => r.amount)).toEqual([500])
      const [refundCall] = await bankCalls(suite.world.sandbox, BANK.refund)
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "duplicate", copies: 5 })
      await sandboxControl(suite.world.sandbox, `/refunds/${refundCall.body!.merchantRequestId}/settle`, { status: "SUCCESS" })
      await waitFor("the refund callbacks", async () => (await delivered(hpp)).length >= deliveredBefore + 5)
      // a callback waiting out the window still reads once it is over
      await waitFor("the refund settled by a read", async () => (await operationsCalls(suite.world.sandbox, hpp)).length >= 1, READ_WINDOW_MS + 15_000)
      await sleep(2_000)
      await waitForIdle(suite.processPayment)

      expect(await paymentCalls()).toEqual([BANK.refund, BANK.orderOperations])
      const { payment: after } = await suite.client.admin.get(`/admin/payments/${payment.id}`, { params: { fields: "id,*refunds" } })
      expect(after.refunds.map((r: { amount: number }) => r.amount)).toEqual([500])
      expect(suite.loggedErrors).toEqual([])
    })
  },
  // the reconciler's first re-read is far off: every read counted here is a callback's or a shopper's
  { env: { ALLIANCEPAY_READ_WINDOW_MS: String(READ_WINDOW_MS), ALLIANCEPAY_RECHECK_AFTER_MS: "600000" } }
)
