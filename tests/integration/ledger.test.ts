import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import { expect, it } from "vitest"
import { reconcileDue } from "../../src/workflows/reconcile"
import { ALLIANCE_PAY_MODULE } from "../../src/modules/alliance-pay"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import { startPayment } from "../support/medusa"
import { BANK, bankCalls, bankOrder, CARDS, merchantOrders, payOnHostedPage, paymentsOf, sandboxControl, waitFor, waitForIdle } from "../support/medusa/alliance"
import { CART_TOTAL, capturedOrder, cartAtTheBank, describeWithAlliancePay } from "../support/medusa/suite"

/**
 * Issue 10: one ledger. Medusa's records (payments, refunds, order totals) and the bank are the
 * truth; every path that moves money goes through the same checks. Driven through Medusa's Admin
 * and Store APIs and the sandbox bank; the reconciler is run as its scheduled job would run it.
 */
describeWithAlliancePay(
  "one ledger: the bank, the plugin and Medusa agree about money",
  (suite) => {
    const admin = {
      get: (url: string, params?: Record<string, unknown>) => suite.client.admin.raw({ method: "get", url, params }),
      post: (url: string, data: unknown = {}) => suite.client.admin.raw({ method: "post", url, data }),
    }
    const memosUrl = (orderId: string) => `/admin/alliance-pay/orders/${orderId}/credit-memos`
    const nativeRefund = (paymentId: string, amount: number) => admin.post(`/admin/payments/${paymentId}/refund`, { amount })
    const refundCalls = () => bankCalls(suite.world.sandbox, BANK.refund)
    const alliancePay = () => suite.container().resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
    const runReconciler = () => reconcileDue(suite.container())

    /** A paid order of 2600.99 UAH (2 shirts + shipping), its Medusa payment and its one item. */
    async function paidOrder() {
      const { hpp, redirectUrl, cart } = await cartAtTheBank(suite)
      await payOnHostedPage(redirectUrl, CARDS.visa)
      await suite.client.store.post(`/store/carts/${cart.id}/complete`)
      const order = await capturedOrder(suite)
      await waitForIdle(suite.processPayment)
      const { data } = await admin.get(memosUrl(order.id))
      return { order, hpp, payment: paymentsOf(order)[0], itemId: data.credit_memos.items[0].item_id as string }
    }

    /** Medusa's own view of the payment: its refunds, and what its refund form offers (captured − refunded). */
    async function medusaPayment(paymentId: string) {
      const { payment } = await suite.client.admin.get(`/admin/payments/${paymentId}`, { params: { fields: "id,*refunds,*captures" } })
      const sum = (rows: { amount: number }[]) => Math.round(rows.reduce((acc, r) => acc + r.amount * 100, 0))
      return { refunds: payment.refunds as { id: string; amount: number; note: string | null }[], formOffersKopecks: sum(payment.captures) - sum(payment.refunds) }
    }

    const summaryOf = async () => (await merchantOrders(suite.client))[0].summary
    const paymentsRow = async (hpp: string) => (await admin.get("/admin/alliance-pay/payments", { q: hpp })).data.payments[0]
    const bankRefundOps = async (hpp: string) => (await bankOrder(suite.world.sandbox, hpp)).operations.filter((op: { type: string }) => op.type === "REFUND")

    it("1+3. an offline credit memo is a Medusa refund too: Medusa's own Refund can no longer pay the same money back, and its form offers nothing", async () => {
      const { order, payment, itemId, hpp } = await paidOrder()

      const offline = await admin.post(memosUrl(order.id), { mode: "offline", items: [{ item_id: itemId, quantity: 2 }], shipping: "99.99", note: "Cash back" })
      expect(offline.status).toBe(200)
      expect(offline.data.credit_memo).toMatchObject({ mode: "offline", status: "refunded", total: "2600.99" })

      // Medusa's Payments card lists it, marked as recorded without a bank call; its totals agree
      const seen = await medusaPayment(payment.id)
      expect(seen.refunds).toEqual([expect.objectContaining({ amount: CART_TOTAL, note: expect.stringContaining("Refund Offline: recorded in the shop without a bank call") })])
      expect(seen.formOffersKopecks).toBe(0)
      expect(await summaryOf()).toMatchObject({ paid_total: CART_TOTAL, refunded_total: CART_TOTAL })

      // Medusa's own Refund button for the same money: refused before any bank call
      for (const amount of [CART_TOTAL, 0.01]) {
        const refused = await nativeRefund(payment.id, amount)
        expect(refused.status, `refund of ${amount}`).toBe(400)
      }
      expect(await refundCalls()).toEqual([])
      expect(await bankRefundOps(hpp)).toEqual([])
      expect(await summaryOf()).toMatchObject({ refunded_total: CART_TOTAL })
    })

    it("1. a partial offline memo, then Medusa's Refund: one kopeck above what is left is refused before the bank, exactly what is left goes through", async () => {
      const { order, payment, itemId, hpp } = await paidOrder()
      expect((await admin.post(memosUrl(order.id), { mode: "offline", items: [{ item_id: itemId, quantity: 1 }] })).status).toBe(200)
      expect((await medusaPayment(payment.id)).formOffersKopecks).toBe(135049)

      const over = await nativeRefund(payment.id, 1350.5)
      expect(over.status).toBe(400)
      expect(over.data.message).toMatch(/only 1350\.49 UAH can still be refunded/)
      expect(await refundCalls()).toEqual([])

      const rest = await nativeRefund(payment.id, 1350.49)
      expect(rest.status).toBe(200)
      expect((await refundCalls()).map((c) => c.body?.coinAmount)).toEqual([135049])
      expect(await summaryOf()).toMatchObject({ paid_total: CART_TOTAL, refunded_total: CART_TOTAL })
      expect((await medusaPayment(payment.id)).formOffersKopecks).toBe(0)
      const view = (await admin.get(memosUrl(order.id))).data.credit_memos
      expect(view).toMatchObject({ refundable: "0.00", can_credit: false })
      expect(view.items[0]).toMatchObject({ refunded_quantity: 1, refundable_quantity: 1, status: "partially_refunded" })
      expect((await bankRefundOps(hpp)).map((op: { coinAmount: number }) => op.coinAmount)).toEqual([135049])
    })

    it("1. Medusa's Refund, an online memo and an offline memo pressed at once cannot together refund more than was paid", async () => {
      const { order, payment, itemId, hpp } = await paidOrder()
      const answers = await Promise.all([
        nativeRefund(payment.id, 1500),
        admin.post(memosUrl(order.id), { mode: "online", items: [{ item_id: itemId, quantity: 1 }] }),
        admin.post(memosUrl(order.id), { mode: "offline", items: [{ item_id: itemId, quantity: 1 }] }),
      ])
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 200).length, JSON.stringify(answers.map((a) => a.data))).toBeGreaterThanOrEqual(1)
      expect(statuses.every((s) => s === 200 || s === 400)).toBe(true)

      const refunded = (await medusaPayment(payment.id)).refunds.reduce((acc, r) => acc + Math.round(r.amount * 100), 0)
      expect(refunded).toBeLessThanOrEqual(260099)
      const atBank = (await bankRefundOps(hpp)).reduce((acc: number, op: { coinAmount: number }) => acc + op.coinAmount, 0)
      const offline = answers[2].status === 200 ? 125050 : 0
      expect(atBank + offline).toBeLessThanOrEqual(260099)
      expect(atBank + offline).toBe(refunded)
      expect((await summaryOf()).refunded_total * 100).toBeCloseTo(refunded, 5)
    })

    it("2. a refund whose answer is lost is sent once: outcome unknown, no retry reaches the bank, Check Payment Status settles it and Medusa records it", async () => {
      const { order, payment, hpp } = await paidOrder()
      // no callback brings the news: the state stays unknown until someone asks the bank
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 1000 })
      // the bank makes the refund, then answers 503; the look-up by our request id fails too
      await sandboxControl(suite.world.sandbox, "/faults", { path: BANK.refund, kind: "5xx", phase: "after" })
      await sandboxControl(suite.world.sandbox, "/faults", { path: BANK_PATHS.operationByMerchantRequestId, kind: "5xx" })

      const lost = await nativeRefund(payment.id, 100.16)
      expect(lost.status).toBe(422)
      expect(lost.data.message).toMatch(/did not confirm the refund of 100\.16 UAH .*may have been made/)
      expect(await bankRefundOps(hpp)).toHaveLength(1)

      // the merchant sees it: the payments page flags it, the order's panel shows "unknown"
      const row = await paymentsRow(hpp)
      expect(row).toMatchObject({ needs_attention: ["refund_outcome"], refunds: { unknown: 1, pending: "100.16" } })
      const panel = (await admin.get(`/admin/alliance-pay/orders/${order.id}`)).data.alliance_pay
      expect(panel.current.refunds).toEqual([expect.objectContaining({ state: "unknown", amount: "100.16" })])

      // retries by any path are refused before the bank
      const retry = await nativeRefund(payment.id, 100.16)
      expect(retry.status).toBe(400)
      expect(retry.data.message).toMatch(/outcome of the refund of 100\.16 UAH is not known yet.*Check Payment Status/)
      const memo = await admin.post(memosUrl(order.id), { mode: "offline", items: [], adjustment_refund: "10.00" })
      expect(memo.status).toBe(400)
      expect(await refundCalls()).toHaveLength(1)
      expect(await bankRefundOps(hpp)).toHaveLength(1)

      // settled by asking the bank: Medusa now records the refund the bank made
      const check = await admin.post(`/admin/alliance-pay/orders/${order.id}/check-status`)
      expect(check.status).toBe(200)
      const recorded = await waitFor("Medusa's record of the refund", async () => {
        const seen = await medusaPayment(payment.id)
        return seen.refunds.length === 1 ? seen : undefined
      })
      expect(recorded.refunds[0]).toMatchObject({ amount: 100.16, note: expect.stringMatching(/confirmed by Alliance Pay after its first answer was lost/) })
      expect(await summaryOf()).toMatchObject({ refunded_total: 100.16 })
      expect(await paymentsRow(hpp)).toMatchObject({ needs_attention: [], disagree: false, refunds: { bank: "100.16", unknown: 0 } })

      // and refunds work again, each sent once
      expect((await nativeRefund(payment.id, 200.16)).status).toBe(200)
      expect((await bankRefundOps(hpp)).map((op: { coinAmount: number }) => op.coinAmount)).toEqual([10016, 20016])
    })

    it("4+5. paid at the bank, then the shopper switches to another method before the callback: the bank is asked, the paid order is flagged, not dropped", async () => {
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 1000 })
      const { redirectUrl, hpp, collection } = await cartAtTheBank(suite)
      await payOnHostedPage(redirectUrl, CARDS.visa)

      // another method: Medusa deletes the Alliance Pay session (it cannot be refused without a 500 for the shopper)
      const switched = await suite.client.store.post(`/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
      expect(switched.payment_collection.payment_sessions.map((s: { provider_id: string }) => s.provider_id)).toEqual(["pp_system_default"])

      // the plugin asked the bank first: paid, so it is money without an order, shown to the merchant at once
      const row = await paymentsRow(hpp)
      expect(row).toMatchObject({ state: "captured", detached: true, needs_attention: ["paid_without_order"], auto_refund_at: expect.any(String) })
      expect((await bankOrder(suite.world.sandbox, hpp)).orderStatus).toBe("SUCCESS")
      expect((await admin.get("/admin/alliance-pay/payments", { needs_attention: "true" })).data.payments.map((p: { hpp_order_id: string }) => p.hpp_order_id)).toEqual([hpp])
      expect(await refundCalls()).toEqual([])
    })

    it("4+5. a replaced payment link paid anyway: followed until the bank closes it, flagged as paid without an order, refunded after the merchant's delay", async () => {
      const first = await cartAtTheBank(suite)
      // the cart changes while the first link is unpaid: the bank is asked, then the link is replaced
      await suite.client.store.post(`/store/carts/${first.cart.id}/line-items`, { variant_id: suite.seed.variantId, quantity: 1 })
      const { payment_collection } = await suite.client.store.post(`/store/payment-collections`, { cart_id: first.cart.id })
      const again = await startPayment(suite.client, first.cart.id, "pp_alliancepay_alliancepay", { cart_id: first.cart.id })
      expect(again.payment_sessions[0].data.hpp_order_id).not.toBe(first.hpp)
      void payment_collection
      const old = (await alliancePay().listBankOrders({ hpp_order_id: first.hpp }))[0]
      expect(old).toMatchObject({ state: "pending", detached_at: expect.any(Date), next_check_at: expect.any(Date) })

      // the shopper pays the old link anyway (its callback names it; the plugin re-reads it)
      await payOnHostedPage(first.redirectUrl, CARDS.visa)
      const flagged = await waitFor("the orphan to be flagged", async () => {
        const row = await paymentsRow(first.hpp)
        return row?.needs_attention.includes("paid_without_order") ? row : undefined
      })
      expect(flagged).toMatchObject({ state: "captured", detached: true, order: null, auto_refund_at: expect.any(String) })
      expect((await admin.get("/admin/alliance-pay/payments/attention")).data.count).toBeGreaterThanOrEqual(1)
      expect(await refundCalls()).toEqual([])

      // time passes: once the delay is over, the reconciler returns the money, saying why
      await alliancePay().updateBankOrders({ id: old.id, auto_refund_at: new Date(Date.now() - 1000), next_check_at: new Date(Date.now() - 1000) })
      await runReconciler()
      const calls = await refundCalls()
      expect(calls.map((c) => c.body?.coinAmount)).toEqual([Math.round(CART_TOTAL * 100)])
      const after = await paymentsRow(first.hpp)
      expect(after.history.map((h: { action: string }) => h.action)).toEqual(["paid_without_order", "auto_refund_requested"])
    })

    it("5. a success after the plugin gave up (link expired, order canceled) is flagged, and the merchant's action refunds it", async () => {
      const { cart, redirectUrl, hpp } = await cartAtTheBank(suite)
      await payOnHostedPage(redirectUrl, CARDS.slowBank)
      const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
      const orderId = completed.order?.id ?? completed.cart?.id
      await sandboxControl(suite.world.sandbox, `/orders/${hpp}/expire`, {})
      const expired = await admin.post(`/admin/alliance-pay/orders/${orderId}/check-status`)
      expect(expired.data).toMatchObject({ state: "expired", actions: [{ type: "canceled_order" }] })

      // the bank confirms the payment after all
      await sandboxControl(suite.world.sandbox, `/orders/${hpp}/settle`, { status: "SUCCESS" })
      const late = await admin.post(`/admin/alliance-pay/orders/${orderId}/check-status`)
      expect(late.data.state).toBe("captured")
      const row = await paymentsRow(hpp)
      expect(row).toMatchObject({ state: "captured", needs_attention: ["paid_without_order"], order: { status: "canceled" } })

      const refund = await admin.post(`/admin/alliance-pay/payments/${row.id}/refund-orphan`)
      expect(refund.status, JSON.stringify(refund.data)).toBe(200)
      expect((await refundCalls()).map((c) => c.body?.coinAmount)).toEqual([Math.round(CART_TOTAL * 100)])
      const again = await admin.post(`/admin/alliance-pay/payments/${row.id}/refund-orphan`)
      expect(again.status).toBe(400)
      expect(await refundCalls()).toHaveLength(1)

      // the bank settles it; a re-check clears the flag
      const [call] = await refundCalls()
      await sandboxControl(suite.world.sandbox, `/refunds/${call.body!.merchantRequestId}/settle`, { status: "SUCCESS" })
      expect((await admin.post(`/admin/alliance-pay/payments/${row.id}/recheck`)).status).toBe(200)
      expect(await paymentsRow(hpp)).toMatchObject({ needs_attention: [], refunds: { bank: "2600.99" } })
    })

    it("6. money fits: a cart above 21,474,836.47 UAH, and the largest amount a JSON number holds exactly, round-trip to the kopeck", async () => {
      const { product } = await suite.client.admin.get(`/admin/products/${suite.seed.productId}`, { params: { fields: "id,*variants,*variants.prices" } })
      const variant = product.variants[0]
      await suite.client.admin.post(`/admin/products/${product.id}/variants/${variant.id}`, { prices: [{ currency_code: "uah", amount: 25000000.37 }] })
      const { hpp, redirectUrl, cart } = await cartAtTheBank(suite) // 2 × 25,000,000.37 + 99.99
      const expected = 2 * 2500000037 + 9999
      expect((await bankOrder(suite.world.sandbox, hpp)).coinAmount).toBe(expected)
      await payOnHostedPage(redirectUrl, CARDS.visa)
      await suite.client.store.post(`/store/carts/${cart.id}/complete`)
      const order = await capturedOrder(suite)
      expect(order.summary.paid_total).toBe(50000100.73)
      expect((await paymentsRow(hpp)).amount).toBe("50000100.73")

      // the accountant's export: hryvnias with two decimals, the bank order, its RRN, the order number
      const today = new Date().toISOString().slice(0, 10)
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
      const csv = await admin.get("/admin/alliance-pay/payments/export", { from: today, to: tomorrow })
      expect(csv.status).toBe(200)
      const lines = (csv.data as string).trim().split("\r\n")
      expect(lines[0]).toBe("created_at,bank_order_id,rrn,medusa_order,state,currency,amount,refunded_at_bank,refunded_offline,needs_attention")
      // the test terminal's RRN is "-1": a leading minus is written as text, so a spreadsheet runs no formula
      const { order: withNumber } = await suite.client.admin.get(`/admin/orders/${order.id}`, { params: { fields: "id,display_id" } })
      expect(lines.find((l) => l.includes(hpp))).toMatch(new RegExp(`,${hpp},'-1,${withNumber.display_id},captured,UAH,50000100.73,0.00,0.00,$`))
      const wrong = await admin.get("/admin/alliance-pay/payments/export", { from: tomorrow, to: today })
      expect(wrong.status).toBe(400)

      // the module against the bank: 2^53 − 1 kopecks in, the same out
      const record = await alliancePay().openBankOrder({
        providerId: "pp_alliancepay_alliancepay",
        paymentSessionId: "payses_largest",
        currency: "uah",
        coinAmount: Number.MAX_SAFE_INTEGER,
        successUrl: "http://127.0.0.1:9/return",
        failUrl: "http://127.0.0.1:9/return",
        notificationUrl: `${suite.world.medusaUrl}/hooks/payment/alliancepay_alliancepay`,
        customer: { customerId: "cus_largest" },
      })
      const synced = await alliancePay().syncBankOrder(record.id)
      expect(synced.state).toBe("pending")
      expect(Number((await alliancePay().retrieveBankOrder(record.id)).coin_amount)).toBe(Number.MAX_SAFE_INTEGER)
      expect((await bankOrder(suite.world.sandbox, record.hpp_order_id!)).coinAmount).toBe(Number.MAX_SAFE_INTEGER)

      // a retry of that session for the same amount gets the same bank order; another amount, a new row for the bank
      const session = { providerId: "pp_alliancepay_alliancepay", paymentSessionId: "payses_largest", currency: "uah" }
      const again = await alliancePay().claimSessionBankOrder({ ...session, coinAmount: Number.MAX_SAFE_INTEGER })
      expect(again).toMatchObject({ reused: true, record: { id: record.id, hpp_order_id: record.hpp_order_id, coin_amount: Number.MAX_SAFE_INTEGER } })
      const other = await alliancePay().claimSessionBankOrder({ ...session, coinAmount: Number.MAX_SAFE_INTEGER - 1 })
      expect(other).toMatchObject({ reused: false, record: { state: "creating", hpp_order_id: null, coin_amount: Number.MAX_SAFE_INTEGER - 1 } })
      expect(other.record.merchant_request_id).not.toBe(record.merchant_request_id)
      const opened = await alliancePay().openBankOrder({
        ...session,
        coinAmount: Number.MAX_SAFE_INTEGER - 1,
        cartId: "cart_largest",
        successUrl: "http://127.0.0.1:9/return",
        failUrl: "http://127.0.0.1:9/return",
        notificationUrl: `${suite.world.medusaUrl}/hooks/payment/alliancepay_alliancepay`,
        customer: { customerId: "cus_largest" },
        claimed: other.record,
      })
      expect(opened).toMatchObject({ id: other.record.id, state: "pending", cart_id: "cart_largest" })
      expect((await bankOrder(suite.world.sandbox, opened.hpp_order_id!)).coinAmount).toBe(Number.MAX_SAFE_INTEGER - 1)
      expect(suite.loggedErrors).toEqual([])
    })
  },
  { env: { ALLIANCEPAY_EXPIRY_GRACE_MS: "0" } }
)
