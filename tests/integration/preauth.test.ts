import { expect, it } from "vitest"
import reconcileJob from "../../src/jobs/reconcile-alliance-pay"
import { parseBankDate } from "../../src/core/bank"
import { ALLIANCE_PAY_MODULE } from "../../src/modules/alliance-pay"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import { expectApiError } from "../support/medusa"
import { bankCalls, bankOrder, CARDS, merchantOrders, payOnHostedPage, paymentsOf, sandboxControl, waitFor, waitForIdle, watchWorkflow } from "../support/medusa/alliance"
import { CART_KOPECKS, CART_TOTAL, cartAtTheBank, describeWithAlliancePay } from "../support/medusa/suite"

const COMPLETION = "/ecom/execute_request/payments/v1/completion"
const REFUND = "/ecom/execute_request/payments/v3/refund"
const DAY_MS = 24 * 3600_000

/**
 * Issue 14 §2, two-step card payments (captureMode "manual"): the shopper's card is held (PREAUTH),
 * Medusa's own admin Capture completes the hold at the bank (COMPLETION), Cancel and the bank's
 * release of an uncaptured hold. Medusa's Store and Admin APIs, the sandbox bank over HTTP.
 */
describeWithAlliancePay(
  "two-step card payments (captureMode manual)",
  (suite) => {
    const alliancePay = () => suite.container().resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)

    /** The shopper pays on the bank's page; the callback turns the cart into an order with an authorized payment. */
    async function heldOrder() {
      const { cart, hpp, redirectUrl } = await cartAtTheBank(suite)
      await payOnHostedPage(redirectUrl, CARDS.visa)
      const order = await waitFor("an order with an authorized payment", async () => {
        const orders = await merchantOrders(suite.client)
        return orders[0]?.payment_status === "authorized" ? orders[0] : undefined
      })
      const payment = paymentsOf(order)[0]
      return { cart, hpp, order, payment }
    }

    const capture = (paymentId: string, amount?: number) =>
      suite.client.admin.post(`/admin/payments/${paymentId}/capture`, amount === undefined ? {} : { amount })
    const paymentOf = async (paymentId: string) =>
      (await suite.client.admin.get(`/admin/payments/${paymentId}`, { params: { fields: "id,amount,captured_at,canceled_at,*captures,*refunds" } })).payment
    const panel = async (orderId: string) => (await suite.client.admin.get(`/admin/alliance-pay/orders/${orderId}`)).alliance_pay.current
    const completions = async () => bankCalls(suite.world.sandbox, COMPLETION)

    it("checkout holds the money: a PREAUTH with a preAuthExpDate a week ahead, one order, an authorized payment, nothing captured", async () => {
      const { hpp, order, payment } = await heldOrder()
      const [created] = await bankCalls(suite.world.sandbox, "/ecom/execute_request/hpp/v1/create-order")
      expect(created.body).toMatchObject({ hppPayType: "PREAUTH", coinAmount: CART_KOPECKS })
      const ahead = parseBankDate(created.body?.preAuthExpDate as string)! - Date.now()
      expect(ahead).toBeGreaterThan(6.9 * DAY_MS)
      expect(ahead).toBeLessThanOrEqual(7 * DAY_MS)

      expect(await merchantOrders(suite.client)).toHaveLength(1)
      expect(order).toMatchObject({ total: CART_TOTAL, payment_status: "authorized" })
      expect(payment).toMatchObject({ amount: CART_TOTAL, captured_at: null })
      expect(payment.captures).toEqual([])
      expect(payment.data).toMatchObject({ hpp_order_id: hpp, state: "authorized" })
      expect((await bankOrder(suite.world.sandbox, hpp)).operations.map((o: { type: string; status: string }) => `${o.type}/${o.status}`)).toEqual(["PREAUTH/SUCCESS"])
      expect(await completions()).toEqual([])

      // the panel shows the hold and when it ends; the reconciler next looks at it when the bank releases it
      const current = await panel(order.id)
      expect(current).toMatchObject({ state: "authorized", hold: { amount: String(CART_TOTAL), captured_amount: null, urgency: "ok", canceled_while_held: false } })
      const record = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
      expect(new Date(record.hold_expires_at!).toISOString()).toBe(current.hold.expires_at)
      await waitFor("the reconciler to confirm Medusa carries the hold", async () => {
        await reconcileJob(suite.container())
        const now = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
        return now.next_check_at && new Date(now.next_check_at).getTime() === new Date(now.hold_expires_at!).getTime() ? now : undefined
      })
      expect(suite.loggedErrors).toEqual([])
    })

    it("full capture: Medusa's Capture completes the hold at the bank for the whole amount; refunds draw on the completion", async () => {
      const { hpp, order, payment } = await heldOrder()
      await capture(payment.id)

      const [completion] = await completions()
      expect(await completions()).toHaveLength(1)
      const bank = await bankOrder(suite.world.sandbox, hpp)
      const hold = bank.operations.find((o: { type: string }) => o.type === "PREAUTH")
      const done = bank.operations.find((o: { type: string }) => o.type === "COMPLETION")
      expect(done).toMatchObject({ status: "SUCCESS", coinAmount: CART_KOPECKS, preauthOperationId: hold.operationId })
      expect(completion.body).toMatchObject({ originalOperationId: hold.operationId, coinAmount: CART_KOPECKS })

      const captured = await paymentOf(payment.id)
      expect(captured.captured_at).toEqual(expect.any(String))
      expect(captured.captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
      expect((await merchantOrders(suite.client))[0].payment_status).toBe("captured")
      expect(await panel(order.id)).toMatchObject({ state: "captured", hold: { captured_amount: String(CART_TOTAL), urgency: null } })

      // a refund goes to the bank against the COMPLETION, not the hold
      await suite.client.admin.post(`/admin/payments/${payment.id}/refund`, { amount: 100 })
      const [refund] = await bankCalls(suite.world.sandbox, REFUND)
      expect(refund.body).toMatchObject({ operationId: done.operationId, coinAmount: 10000 })
      expect(suite.loggedErrors).toEqual([])
    })

    it("partial capture: 85 % is completed at the bank, once; a second Capture is refused and nothing reaches the bank; refunds stop at what was taken", async () => {
      const { hpp, payment } = await heldOrder()
      await capture(payment.id, 2210.84)
      expect((await completions()).map((c) => c.body?.coinAmount)).toEqual([221084])
      const after = await paymentOf(payment.id)
      expect(after.captures.map((c: { amount: number }) => c.amount)).toEqual([2210.84])
      expect(after.captured_at).toBeNull()
      expect((await merchantOrders(suite.client))[0].payment_status).toBe("partially_captured")

      const again = await expectApiError(capture(payment.id, 100))
      expect(again.status).toBe(400)
      expect(again.message).toMatch(/completes a card hold once.*2210\.84 UAH/)
      expect(await completions()).toHaveLength(1)
      expect((await paymentOf(payment.id)).captures).toHaveLength(1)

      // the ceiling is the completed amount, not the hold
      const record = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
      expect(Number(record.captured_coin_amount)).toBe(221084)
      expect(await alliancePay().ledger.refundableOf(record.id)).toBe(221084)
      const tooMuch = await expectApiError(suite.client.admin.post(`/admin/payments/${payment.id}/refund`, { amount: 2210.85 }))
      expect(tooMuch.status).toBe(400)
      await suite.client.admin.post(`/admin/payments/${payment.id}/refund`, { amount: 2210.84 })
      expect((await bankCalls(suite.world.sandbox, REFUND)).map((c) => c.body?.coinAmount)).toEqual([221084])
      expect(await alliancePay().ledger.refundableOf(record.id)).toBe(0)
    })

    it("over the limit: more than was authorized, or less than the bank's 80 %, is a clear 4xx and nothing changes", async () => {
      const { hpp, order, payment } = await heldOrder()
      const over = await expectApiError(capture(payment.id, CART_TOTAL + 0.01))
      expect(over.status).toBe(400)
      const under = await expectApiError(capture(payment.id, 2080.79)) // 80 % of 2600.99 is 2080.792: whole kopecks from 2080.80
      expect(under.status).toBe(400)
      expect(under.message).toMatch(/between 2080\.80 UAH and 3121\.18 UAH .*2080\.79 UAH were asked/)

      expect(await completions()).toEqual([])
      const unchanged = await paymentOf(payment.id)
      expect(unchanged).toMatchObject({ captured_at: null, canceled_at: null })
      expect(unchanged.captures).toEqual([])
      expect((await merchantOrders(suite.client))[0].payment_status).toBe("authorized")
      expect(await panel(order.id)).toMatchObject({ state: "authorized" })
      expect((await bankOrder(suite.world.sandbox, hpp)).operations).toHaveLength(1)

      // the boundary itself is taken
      await capture(payment.id, 2080.8)
      expect((await completions()).map((c) => c.body?.coinAmount)).toEqual([208080])
    })

    it("a capture whose answer is lost: the bank is re-read at once, the completion it made is found, Medusa records the capture; nothing is sent twice", async () => {
      const { hpp, payment } = await heldOrder()
      await sandboxControl(suite.world.sandbox, "/faults", { path: COMPLETION, kind: "5xx", phase: "after" })
      await capture(payment.id)
      expect(await completions()).toHaveLength(1)
      expect((await bankOrder(suite.world.sandbox, hpp)).operations.map((o: { type: string }) => o.type)).toEqual(["PREAUTH", "COMPLETION"])
      const captured = await paymentOf(payment.id)
      expect(captured.captured_at).toEqual(expect.any(String))
      expect(captured.captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
    })

    it("cancel: the order is canceled, nothing is taken, and the merchant reads that the bank keeps the hold until it ends (uk+en)", async () => {
      const { hpp, order, payment } = await heldOrder()
      await suite.client.admin.post(`/admin/orders/${order.id}/cancel`)
      const canceled = (await merchantOrders(suite.client))[0]
      expect(canceled.status).toBe("canceled")
      expect((await paymentOf(payment.id)).canceled_at).toEqual(expect.any(String))

      expect(await completions()).toEqual([])
      expect(await bankCalls(suite.world.sandbox, REFUND)).toEqual([])
      expect((await bankOrder(suite.world.sandbox, hpp)).operations.map((o: { type: string }) => o.type)).toEqual(["PREAUTH"])
      const current = await panel(order.id)
      expect(current.hold).toMatchObject({ canceled_while_held: true, captured_amount: null })
      const record = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
      const note = (record.history as unknown as { action: string; note: string }[]).find((h) => h.action === "hold_canceled")?.note
      expect(note).toMatch(/no way to release a hold early.*2600\.99 UAH stay blocked.*until \d{4}-\d\d-\d\dT.*nothing is charged/)

      // and a Capture after the cancel is Medusa's own refusal: nothing at the bank
      expect((await expectApiError(capture(payment.id))).status).toBe(400)
      expect(await completions()).toEqual([])
    })

    it("hold expiry: the panel warns within a day; once the bank releases the hold, the reconciler cancels Medusa's payment with a note", async () => {
      const { hpp, order, payment } = await heldOrder()
      // the bank's end of the hold comes within the day: Check Payment Status reads it, the panel warns
      await sandboxControl(suite.world.sandbox, `/orders/${hpp}/expire-hold`, { inMs: 6 * 3600_000 })
      await suite.client.admin.post(`/admin/alliance-pay/orders/${order.id}/check-status`)
      expect((await panel(order.id)).hold).toMatchObject({ urgency: "expiring" })

      // the bank releases it; the reconciler reads the bank order when the hold's end is due
      await sandboxControl(suite.world.sandbox, `/orders/${hpp}/expire-hold`, {})
      const record = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
      expect(new Date(record.next_check_at!).getTime()).toBe(new Date(record.hold_expires_at!).getTime())
      await alliancePay().recheckAt(record.id, new Date()) // the hold's end has come
      const orderCancels = await watchWorkflow(suite.container(), "alliancepay-close-unpaid-order")
      await reconcileJob(suite.container())
      await waitFor("the expiry's note", async () =>
        ((await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0].history as unknown as { action: string }[] | null)?.some((h) => h.action === "hold_expired")
      )
      // the bank order's update event is handled too: it must not cancel the order a merchant may still fulfil
      await waitForIdle(orderCancels)
      expect(orderCancels.begun).toBe(0)

      const after = await paymentOf(payment.id)
      expect(after.canceled_at).toEqual(expect.any(String))
      expect(after.captures).toEqual([])
      const expired = (await alliancePay().listBankOrders({ hpp_order_id: hpp }))[0]
      expect(expired.state).toBe("expired")
      expect((expired.history as unknown as { action: string; note: string }[]).find((h) => h.action === "hold_expired")?.note).toMatch(/expired .* before it was captured/)
      expect(await panel(order.id)).toMatchObject({ state: "expired", hold: { urgency: "expired" } })
      // the order is left for the merchant; a Capture now is refused without a bank call
      expect((await merchantOrders(suite.client))[0].status).not.toBe("canceled")
      expect((await expectApiError(capture(payment.id))).status).toBe(400)
      expect(await completions()).toEqual([])
    })
  },
  { env: { ALLIANCEPAY_CAPTURE_MODE: "manual", ALLIANCEPAY_EXPIRY_GRACE_MS: "0" } }
)
