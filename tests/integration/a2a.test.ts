import { expect, it } from "vitest"
import { cartReadyForPayment, startPayment } from "../support/medusa"
import { A2A_PROVIDER, payInBankApp } from "../support/medusa/a2a"
import { ALLIANCE_PROVIDER, BANK, bankCalls, bankOrder, callbackAttempts, createdBankOrders, hppIdOf, merchantOrders, paymentsOf, waitFor } from "../support/medusa/alliance"
import { CART_KOPECKS, CART_TOTAL, capturedOrder, cartOf, describeWithAlliancePay, type AllianceSuite } from "../support/medusa/suite"

/** Issue 14, part 3: pay from the bank app (A2A, BANK_LINK) with the NBU QR, beside cards. */
describeWithAlliancePay(
  "pay by bank (A2A)",
  (suite) => {
    async function cartPayingByBank({ client, seed }: AllianceSuite) {
      const cart = await cartReadyForPayment(client, seed, { quantity: 2 })
      const collection = await startPayment(client, cart.id, A2A_PROVIDER, { cart_id: cart.id })
      const session = collection.payment_sessions.find((s: { provider_id: string }) => s.provider_id === A2A_PROVIDER)
      return { cart, session, redirectUrl: session.data.redirect_url as string, qrUrl: session.data.nbu_qr_url as string }
    }

    it("the storefront gets the bank app's deep link and the NBU QR; paying in the app completes the cart into a captured order", async () => {
      const { payment_providers } = await suite.client.store.get("/store/payment-providers", { params: { region_id: suite.seed.regionId } })
      expect(payment_providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([ALLIANCE_PROVIDER, A2A_PROVIDER]))

      const { cart, session, redirectUrl, qrUrl } = await cartPayingByBank(suite)
      const hpp = hppIdOf(redirectUrl)
      expect(redirectUrl).toBe(`${suite.world.sandbox.url}/a2a/?hpp_id=${hpp}`)
      expect(qrUrl).toMatch(new RegExp(`^${suite.world.sandbox.url}/qr/[A-Za-z0-9_-]+$`))
      expect(session.data).toMatchObject({ hpp_order_id: hpp, amount: String(CART_TOTAL), state: "pending", status_url: null })

      // the bank's A2A rules, as sent: BANK_LINK, a link of at least 60 minutes, a 14+ character comment, the priority bank, the QR
      const [created] = await createdBankOrders(suite.world.sandbox)
      expect(created.body).toMatchObject({
        hppPayType: "A2A",
        directType: "BANK_LINK",
        coinAmount: CART_KOPECKS,
        expirationTimeMinutes: 60,
        priorityBankCode: "ALL_BANKS",
        generateQrNbu: "true",
        merchantComment: `Payment for cart ${cart.id.replace(/_/g, "-")}`,
        notificationUrl: `${suite.world.medusaUrl}/hooks/payment/alliancepay_a2a`,
      })

      // the QR's page leads to the same bank app
      const qrPage = await (await fetch(qrUrl)).text()
      expect(qrPage).toContain(redirectUrl.replace(/&/g, "&#38;"))

      const back = await payInBankApp(redirectUrl, "pay")
      expect(back).toBe(`http://127.0.0.1:9/shop/return?cart_id=${cart.id}`)
      const order = await capturedOrder(suite)
      expect(order).toMatchObject({ total: CART_TOTAL, payment_status: "captured" })
      expect(paymentsOf(order)).toEqual([expect.objectContaining({ amount: CART_TOTAL, provider_id: A2A_PROVIDER, captured_at: expect.any(String) })])
      expect((await cartOf(suite, cart.id)).completed_at).toBeTruthy()
      expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "SUCCESS", hppPayType: "A2A" })
      expect((await callbackAttempts(suite.world.sandbox, hpp)).map((a) => [a.operationType, a.operationStatus, a.httpStatus])).toEqual([
        ["ACCOUNT_2_ACCOUNT", "SUCCESS", 200],
      ])
      expect(suite.loggedErrors).toEqual([])
    })

    it("a transfer declined in the bank app gives no order, and the cart cannot complete", async () => {
      const { cart, redirectUrl } = await cartPayingByBank(suite)
      const hpp = hppIdOf(redirectUrl)
      const back = await payInBankApp(redirectUrl, "decline")
      expect(back).toBe(`http://127.0.0.1:9/shop/return?cart_id=${cart.id}`)
      await waitFor("the decline callback", async () => (await callbackAttempts(suite.world.sandbox, hpp)).find((a) => a.result === "delivered"))
      expect(await bankOrder(suite.world.sandbox, hpp)).toMatchObject({ orderStatus: "FAIL" })

      const attempt = await suite.client.store.raw({ method: "post", url: `/store/carts/${cart.id}/complete` })
      expect(attempt.status).toBeLessThan(500)
      expect(attempt.data.type).not.toBe("order")
      expect(await merchantOrders(suite.client)).toEqual([])
      expect((await cartOf(suite, cart.id)).completed_at).toBeFalsy()
      // the app cannot be used twice for one order
      await expect(payInBankApp(redirectUrl, "pay")).rejects.toThrow()
    })

    it("a paid transfer cannot be refunded through the bank: Medusa's Refund gets a 400 saying why, the credit memo offers Refund Offline only", async () => {
      const { redirectUrl } = await cartPayingByBank(suite)
      await payInBankApp(redirectUrl, "pay")
      const order = await capturedOrder(suite)
      const payment = paymentsOf(order)[0]

      const refused = await suite.client.admin.raw({ method: "post", url: `/admin/payments/${payment.id}/refund`, data: { amount: 100 } })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/pay-by-bank.*Refund Offline/)

      const memosUrl = `/admin/alliance-pay/orders/${order.id}/credit-memos`
      const { data } = await suite.client.admin.raw({ method: "get", url: memosUrl })
      expect(data.credit_memos).toMatchObject({ can_credit: true, refundable: String(CART_TOTAL), online_refund_unavailable: expect.stringMatching(/Refund Offline/) })
      const itemId = data.credit_memos.items[0].item_id
      const online = await suite.client.admin.raw({ method: "post", url: memosUrl, data: { mode: "online", items: [{ item_id: itemId, quantity: 1 }] } })
      expect(online.status).toBe(400)
      expect(online.data.message).toMatch(/Refund Offline/)
      expect(await bankCalls(suite.world.sandbox, BANK.refund)).toEqual([])

      const offline = await suite.client.admin.raw({ method: "post", url: memosUrl, data: { mode: "offline", items: [{ item_id: itemId, quantity: 1 }] } })
      expect(offline.status).toBe(200)
      expect(offline.data.credit_memo).toMatchObject({ mode: "offline", status: "refunded", total: "1250.50" })
      expect(offline.data.credit_memos.refundable).toBe("1350.49")
      expect(await bankCalls(suite.world.sandbox, BANK.refund)).toEqual([])
    })
  },
  { seed: { paymentProviders: [ALLIANCE_PROVIDER, A2A_PROVIDER, "pp_system_default"] } }
)
