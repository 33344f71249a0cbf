import { describeWithAlliancePay } from "../support/medusa/suite"
import { BANK_PATHS } from "../../src/core/bank/contract/paths"
import { afterAll, beforeEach, expect, it } from "vitest"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import {
  dropCallbacks,
  orderPayments,
  placeAlliancePayOrder,
  placeSystemOrder,
  resetBank,
  settleAtBank,
  TEST_CARD,
} from "../support/medusa/orders"
import { sandboxControl } from "../support/medusa/alliance"


const orderUrl = (id: string) => `/admin/alliance-pay/orders/${id}`
const checkUrl = (id: string) => `/admin/alliance-pay/orders/${id}/check-status`

describeWithAlliancePay(
  "admin: the Alliance Pay panel and Check Payment Status",
  (suite, { getContainer }) => {
    /** every admin answer of this file, to prove no secret ever left the server */
    const answers: string[] = []

    const admin = {
      get: async (url: string) => record(await suite.client.admin.raw({ method: "get", url })),
      post: async (url: string, data: unknown = {}) => record(await suite.client.admin.raw({ method: "post", url, data })),
    }
    function record<T extends { data: unknown }>(res: T): T {
      answers.push(JSON.stringify(res.data))
      return res
    }


    beforeEach(async () => {
      await resetBank(suite.world.sandbox)
      await dropCallbacks(suite.world.sandbox)
    })

    afterAll(async () => {
      // the secrets as the database holds them now, checked against every answer collected above
      const alliancePay = getContainer().resolve<AlliancePayModuleService>("alliancePay")
      const sessions = await alliancePay.listDeviceSessions({})
      const current = await alliancePay.deviceSessionStore(suite.world.env.ALLIANCEPAY_SERVICE_CODE).get()
      const secrets = [...sessions.map((s) => s.sealed_credentials), current?.deviceId, current?.refreshToken].filter((v): v is string => !!v)
      const { privateJwk } = suite.world.sandbox.merchant
      secrets.push(String((privateJwk as { d: string }).d))
      expect(answers.length).toBeGreaterThan(10)
      for (const secret of secrets) {
        expect(answers.filter((a) => a.includes(secret))).toEqual([])
      }
    })

    it("shows a paid order's bank order, operations and connection; a check then changes nothing", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.visa)

      const { status, data } = await admin.get(orderUrl(placed.orderId))
      expect(status).toBe(200)
      const view = data.alliance_pay
      expect(view).toMatchObject({ order_id: placed.orderId, display_id: placed.displayId, history: [], note: null })
      expect(view.current).toMatchObject({
        hpp_order_id: placed.hppOrderId,
        state: "captured",
        bank_status: "SUCCESS",
        amount: "1350.49",
        currency_code: "uah",
        status_url: expect.stringContaining(suite.world.sandbox.url),
        refunds: [],
      })
      expect(Date.parse(view.current.expires_at)).toBeGreaterThan(Date.now())
      expect(Date.parse(view.current.last_synced_at)).toBeLessThanOrEqual(Date.now())
      expect(view.current.operations).toEqual([
        expect.objectContaining({
          type: "PURCHASE",
          status: "SUCCESS",
          amount: "1350.49",
          currency_code: "uah",
          rrn: expect.any(String),
          card_mask: expect.stringMatching(/1111$/),
          payment_method: "CARD",
          payment_system: "Visa",
          description: "approved",
          time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        }),
      ])
      expect(view.current.operations[0]).toHaveProperty("approval_code")
      expect(view.connection).toMatchObject({ connected: true, last_error: null })

      const check = await admin.post(checkUrl(placed.orderId))
      expect(check.status).toBe(200)
      expect(check.data).toMatchObject({ changed: false, previous: "captured", state: "captured", actions: [], refunds: [] })
      expect(check.data.message).toMatch(/^No change/)
      expect(check.data.alliance_pay.current.state).toBe("captured")
      expect((await orderPayments(suite.client, placed.orderId)).captures).toHaveLength(1)
    })

    it("captures an order awaiting payment once the bank has settled it, though no callback came", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.slowBank)
      const before = await admin.get(orderUrl(placed.orderId))
      expect(before.data.alliance_pay.current).toMatchObject({ state: "in_progress", bank_status: expect.any(String) })
      expect((await orderPayments(suite.client, placed.orderId)).captures).toHaveLength(0)

      await settleAtBank(suite.world.sandbox, placed.hppOrderId, "SUCCESS")
      const { status, data } = await admin.post(checkUrl(placed.orderId))

      expect(status).toBe(200)
      expect(data).toMatchObject({ changed: true, previous: "in_progress", state: "captured" })
      expect(data.actions).toEqual([{ type: "captured_payment", id: expect.stringMatching(/^pay_/) }])
      expect(data.message).toMatch(/captured/)
      expect(data.alliance_pay.current.state).toBe("captured")
      const after = await orderPayments(suite.client, placed.orderId)
      expect(after.captures).toHaveLength(1)
      expect(after.order.payment_status).toBe("captured")
      const callbacks = await sandboxControl(suite.world.sandbox, "/callbacks")
      expect(callbacks.attempts.every((a: { result: string }) => a.result === "dropped")).toBe(true)
    })

    it("cancels an order awaiting payment when the bank declined it, with the bank's reason on the order", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.slowBank)
      await settleAtBank(suite.world.sandbox, placed.hppOrderId, "FAIL")

      const { status, data } = await admin.post(checkUrl(placed.orderId))

      expect(status).toBe(200)
      expect(data).toMatchObject({ changed: true, previous: "in_progress", state: "failed" })
      expect(data.actions).toEqual([{ type: "canceled_order", id: placed.orderId }])
      expect(data.message).toMatch(/canceled/)
      expect(data.alliance_pay).toMatchObject({ order_status: "canceled", note: expect.stringMatching(/^Canceled: the bank declined/) })
      const { order, captures } = await orderPayments(suite.client, placed.orderId)
      expect(order.status).toBe("canceled")
      expect(order.metadata.alliancepay_note).toMatch(/declined/)
      expect(captures).toHaveLength(0)
    })

    it("two presses at once capture once", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.slowBank)
      await settleAtBank(suite.world.sandbox, placed.hppOrderId, "SUCCESS")

      const [a, b] = await Promise.all([admin.post(checkUrl(placed.orderId)), admin.post(checkUrl(placed.orderId))])

      expect([a.status, b.status]).toEqual([200, 200])
      const captures = [a, b].flatMap((r) => r.data.actions.filter((x: { type: string }) => x.type === "captured_payment"))
      expect(captures).toHaveLength(1)
      expect([a, b].map((r) => r.data.state)).toEqual(["captured", "captured"])
      expect((await orderPayments(suite.client, placed.orderId)).captures).toHaveLength(1)
    })

    it("answers a bank that is down or refuses the session with a clear 4xx, changing nothing", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.slowBank)
      await settleAtBank(suite.world.sandbox, placed.hppOrderId, "SUCCESS")
      const operations = BANK_PATHS.orderOperations

      await sandboxControl(suite.world.sandbox, "/faults", { path: operations, kind: "5xx" })
      const down = await admin.post(checkUrl(placed.orderId))
      expect(down.status).toBe(424)
      expect(down.data).toMatchObject({ type: "bank_unreachable", message: expect.stringMatching(/^Alliance Pay is not answering .*Nothing was changed/) })

      await sandboxControl(suite.world.sandbox, "/faults", { path: operations, kind: "error", msgCode: "b_expired_token", httpStatus: 401, count: 2 })
      const rejected = await admin.post(checkUrl(placed.orderId))
      expect(rejected.status).toBe(422)
      expect(rejected.data).toMatchObject({ type: "bank_session_rejected", message: expect.stringContaining("b_expired_token") })

      expect((await orderPayments(suite.client, placed.orderId)).captures).toHaveLength(0)
      const recovered = await admin.post(checkUrl(placed.orderId))
      expect(recovered.data).toMatchObject({ state: "captured", actions: [{ type: "captured_payment" }] })
    })

    it("refuses what is not its business: no login 401, unknown order 404, another provider 400, stray input 400", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.visa)
      const systemOrderId = await placeSystemOrder(suite.client, suite.seed)

      for (const [method, url] of [
        ["get", orderUrl(placed.orderId)],
        ["post", checkUrl(placed.orderId)],
        ["get", "/admin/alliance-pay/connection"],
        ["post", "/admin/alliance-pay/connection/authorize"],
      ] as const) {
        const res = record(await suite.client.anonymous.raw({ method, url, data: method === "post" ? {} : undefined }))
        expect(res.status, `${method} ${url}`).toBe(401)
      }

      const unknown = await admin.get(orderUrl("order_01JUNKNOWNUNKNOWNUNKNOWN00"))
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toMatch(/was not found/)

      for (const res of [await admin.get(orderUrl(systemOrderId)), await admin.post(checkUrl(systemOrderId))]) {
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/was not paid with Alliance Pay \(payment provider: pp_system_default\)/)
      }

      const strayBody = await admin.post(checkUrl(placed.orderId), { force: true })
      expect(strayBody.status).toBe(400)
      expect(strayBody.data.message).toMatch(/force/)
      const strayQuery = await suite.client.admin.raw({ method: "get", url: orderUrl(placed.orderId), params: { expand: "secrets" } })
      expect(strayQuery.status).toBe(400)
    })

    it("connection: status, authorize now, and a refusal recorded as last_error", async () => {
      const initial = await admin.get("/admin/alliance-pay/connection")
      expect(initial.status).toBe(200)
      expect(Object.keys(initial.data.connection).sort()).toEqual(["connected", "expires_at", "last_error", "last_error_at", "obtained_at"])

      const started = Date.now()
      const authorized = await admin.post("/admin/alliance-pay/connection/authorize")
      expect(authorized.status).toBe(200)
      expect(authorized.data.connection).toMatchObject({ connected: true, last_error: null })
      expect(Date.parse(authorized.data.connection.obtained_at)).toBeGreaterThanOrEqual(started - 1000)
      expect(Date.parse(authorized.data.connection.expires_at)).toBeGreaterThan(Date.now())

      await sandboxControl(suite.world.sandbox, "/faults", {
        path: BANK_PATHS.authorize,
        kind: "error",
        msgCode: "b_merchant_not_found",
        msgText: "merchant not found",
      })
      const refused = await admin.post("/admin/alliance-pay/connection/authorize")
      expect(refused.status).toBe(422)
      expect(refused.data).toMatchObject({
        type: "bank_session_rejected",
        message: expect.stringContaining("b_merchant_not_found"),
        // the session obtained a moment ago still works: a refused renewal does not disconnect
        connection: { connected: true, last_error: expect.stringContaining("b_merchant_not_found") },
      })
      const status = await admin.get("/admin/alliance-pay/connection")
      expect(status.data.connection.last_error).toMatch(/b_merchant_not_found/)
      expect(Date.parse(status.data.connection.last_error_at)).toBeGreaterThanOrEqual(started - 1000)

      const again = await admin.post("/admin/alliance-pay/connection/authorize")
      expect(again.data.connection).toMatchObject({ connected: true, last_error: null })
    })
  },
)
