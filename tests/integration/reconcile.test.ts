import { describeWithAlliancePay } from "../support/medusa/suite"
import { TEST_CARD } from "../../src/core/bank/contract/test-cards"
import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import type { MedusaContainer } from "@medusajs/framework/types"
import { beforeEach, expect, it } from "vitest"
import reconcileJob from "../../src/jobs/reconcile-alliance-pay"
import renewSessionJob from "../../src/jobs/renew-alliance-pay-session"
import { ALLIANCE_PAY_MODULE } from "../../src/modules/alliance-pay"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import { cartReadyForPayment, startPayment } from "../support/medusa"
import { ALLIANCE_PROVIDER, bankCalls, payOnHostedPage, sandboxControl, waitFor } from "../support/medusa/alliance"

const OPERATIONS = BANK_PATHS.orderOperations
const AUTHORIZE = BANK_PATHS.authorize
const CREATE_ORDER = BANK_PATHS.createOrder


describeWithAlliancePay(
  "background reconciliation and the device session",
  (suite, { getContainer }) => {
    const container = () => getContainer() as MedusaContainer
    const alliancePay = () => container().resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)

    beforeEach(async () => {
      await sandboxControl(suite.world.sandbox, "/reset", {})
    })

    async function checkout(card?: string) {
      const cart = await cartReadyForPayment(suite.client, suite.seed)
      const collection = await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
      const session = collection.payment_sessions[0]
      if (card !== undefined) await payOnHostedPage(session.data.redirect_url, card)
      return { cart, session, hppOrderId: session.data.hpp_order_id as string }
    }
    const orders = async () =>
      (await suite.client.admin.get("/admin/orders", { params: { fields: "id,status,total,payment_status,metadata" } })).orders as {
        id: string
        status: string
        total: number
        payment_status: string
        metadata: Record<string, unknown> | null
      }[]

    it("a paid cart whose callback never came becomes an order when the job runs", async () => {
      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 10 })
      const { cart } = await checkout(TEST_CARD.visa)
      await new Promise((r) => setTimeout(r, 500))
      expect(await orders()).toEqual([])

      await reconcileJob(container())

      const [order] = await orders()
      expect(order).toMatchObject({ total: 1350.49, payment_status: "captured" }) // 1250.50 + 99.99 shipping
      const { cart: completed } = await suite.client.store.get(`/store/carts/${cart.id}`, { params: { fields: "id,completed_at" } })
      expect(completed.completed_at).toBeTruthy()
    })

    it("a link that expires unpaid is closed; an order waiting for an attempt that never finishes is canceled with a note", async () => {
      const unpaid = await checkout()
      const slow = await checkout(TEST_CARD.slowBank) // attempt stays PENDING at the bank
      await suite.client.store.post(`/store/carts/${slow.cart.id}/complete`)
      const [waiting] = await orders()
      expect(waiting.status).not.toBe("canceled")
      expect(waiting.payment_status).not.toBe("captured")

      await sandboxControl(suite.world.sandbox, `/orders/${unpaid.hppOrderId}/expire`, {})
      await sandboxControl(suite.world.sandbox, `/orders/${slow.hppOrderId}/expire`, {})
      await reconcileJob(container())

      const [records] = await Promise.all([alliancePay().listBankOrders({ hpp_order_id: [unpaid.hppOrderId, slow.hppOrderId] })])
      expect(records.map((r) => r.state).sort()).toEqual(["expired", "expired"])
      const [canceled] = await orders()
      expect(canceled.status).toBe("canceled")
      expect(String(canceled.metadata?.alliancepay_note)).toMatch(/expired|never completed/)
      // closed orders are not read again
      await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")
      await reconcileJob(container())
      expect(await bankCalls(suite.world.sandbox, OPERATIONS)).toEqual([])
    })

    it("a refund the bank settles later, with its callback lost, is marked refunded by the job", async () => {
      const { hppOrderId } = await checkout(TEST_CARD.visa)
      const [order] = await waitFor("the order", async () => {
        const list = await orders()
        return list[0]?.payment_status === "captured" ? list : undefined
      })
      const { order: detailed } = await suite.client.admin.get(`/admin/orders/${order.id}`, { params: { fields: "id,*payment_collections.payments" } })
      const paymentId = detailed.payment_collections[0].payments[0].id
      await suite.client.admin.post(`/admin/payments/${paymentId}/refund`, { amount: 100 })
      const [refund] = await alliancePay().listBankRefunds({ hpp_order_id: hppOrderId })
      expect(refund.state).toBe("pending")

      await sandboxControl(suite.world.sandbox, "/callbacks", { mode: "drop", count: 10 })
      await sandboxControl(suite.world.sandbox, `/refunds/${refund.merchant_request_id}/settle`, { status: "SUCCESS" })
      await reconcileJob(container())

      const [settled] = await alliancePay().listBankRefunds({ id: refund.id })
      expect(settled.state).toBe("succeeded")
      const [record] = await alliancePay().listBankOrders({ hpp_order_id: hppOrderId })
      expect(record.next_check_at).toBeNull() // nothing left to settle: not read again
    })

    it("a re-read that races a change of the order (e.g. the cart's amount changed) never overwrites it", async () => {
      const { hppOrderId } = await checkout()
      const [stale] = await alliancePay().listBankOrders({ hpp_order_id: hppOrderId })
      // meanwhile another process recorded a newer state of this bank order
      await alliancePay().updateBankOrders({ id: stale.id, state: "expired" })

      const result = await alliancePay().syncBankOrder(stale) // the reconciler's copy, read before the change
      expect(result).toMatchObject({ state: "expired", changed: false })
      const [now] = await alliancePay().listBankOrders({ id: stale.id })
      expect(now.state).toBe("expired")
    })

    it("two job runs at once read every open bank order exactly once", async () => {
      const open = []
      for (let i = 0; i < 6; i++) open.push((await checkout()).hppOrderId)
      await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")
      await sandboxControl(suite.world.sandbox, "/config", { latencyMs: 30 }, "PATCH")
      try {
        await Promise.all([reconcileJob(container()), reconcileJob(container())])
      } finally {
        await sandboxControl(suite.world.sandbox, "/config", { latencyMs: 0 }, "PATCH")
      }
      const reads = (await bankCalls(suite.world.sandbox, OPERATIONS)).map((c) => c.body?.hppOrderId)
      expect(reads.sort()).toEqual([...open].sort())
    })

    it("a session near its expiry is renewed once however many renewals run, and 50 checkouts during the renewal all succeed", async () => {
      // sessions the bank issues from now on last 10 h: inside the 12-hour renewal window
      await sandboxControl(suite.world.sandbox, "/config", { sessionTtlMs: 10 * 3600_000 }, "PATCH")
      await alliancePay().bank.authorizeDevice()
      await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")

      const carts = await Promise.all(Array.from({ length: 50 }, (_, i) => cartReadyForPayment(suite.client, suite.seed, { email: `shopper${i}@alliancepay.test` })))
      const checkouts = carts.map((cart) => startPayment(suite.client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id }))
      await Promise.all([renewSessionJob(container()), renewSessionJob(container()), renewSessionJob(container())])
      const collections = await Promise.all(checkouts)

      expect(collections.every((c) => String(c.payment_sessions[0].data.redirect_url).startsWith(suite.world.sandbox.url))).toBe(true)
      expect(await bankCalls(suite.world.sandbox, AUTHORIZE)).toHaveLength(1)
      const created = await bankCalls(suite.world.sandbox, CREATE_ORDER)
      expect(created.filter((c) => c.httpStatus === 200)).toHaveLength(50)
      const session = await alliancePay().bank.sessions.current()
      expect(session.expiresAt - Date.now()).toBeGreaterThan(9 * 3600_000)
      await sandboxControl(suite.world.sandbox, "/config", { sessionTtlMs: 24 * 3600_000 }, "PATCH")
    })
  },
  { env: { ALLIANCEPAY_RECHECK_AFTER_MS: "0", ALLIANCEPAY_EXPIRY_GRACE_MS: "0" }, seed: { paymentProviders: [ALLIANCE_PROVIDER], stockedQuantity: 1000 } }
)
