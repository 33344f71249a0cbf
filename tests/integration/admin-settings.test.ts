import { expect, it } from "vitest"
import reconcileJob from "../../src/jobs/reconcile-alliance-pay"
import { expectApiError } from "../support/medusa"
import { BANK, bankCalls, CARDS, payOnHostedPage, postCallback, sandboxControl, waitFor } from "../support/medusa/alliance"
import { capturedOrder, cartAtTheBank, dailyCronFarFromNow, describeWithAlliancePay } from "../support/medusa/suite"

/** Issue 15: Settings → Alliance Pay shows the whole configuration (secrets masked) and tests the connection. */
describeWithAlliancePay(
  "Settings → Alliance Pay: configuration, Test connection, the last callback, the reconciler's last run and backlog",
  (suite) => {
  const secrets = async () => {
    const alliancePay = suite.world.sandbox
    return [alliancePay.merchant.serviceCode, String((alliancePay.merchant.privateJwk as { d: string }).d)]
  }

  it("shows the configuration the server runs with: the service code masked, no key, admins only", async () => {
    const { settings } = await suite.client.admin.get("/admin/alliance-pay/settings")
    const { merchant } = suite.world.sandbox
    expect(settings).toEqual({
      merchant_id: merchant.merchantId,
      service_code: `${merchant.serviceCode.slice(0, 4)}…${merchant.serviceCode.slice(-4)}`,
      private_key_set: true,
      api_url: suite.world.sandbox.url,
      providers: [
        {
          id: "pp_alliancepay_alliancepay",
          kind: "card",
          callback_url: `${suite.world.medusaUrl}/hooks/payment/alliancepay_alliancepay`,
          success_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          fail_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          payment_methods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"],
          link_lifetime_minutes: 60,
          status_page_type: "STATUS_TIMER_PAGE",
          default_language: "uk",
          callback_encryption: false,
          capture_mode: "automatic",
          hold_lifetime_hours: 168,
        },
        {
          // pay by bank (A2A), registered beside cards in the repository's medusa-config.ts
          id: "pp_alliancepay_a2a",
          kind: "pay_by_bank",
          callback_url: `${suite.world.medusaUrl}/hooks/payment/alliancepay_a2a`,
          success_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          fail_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          payment_methods: ["BANK_LINK"],
          link_lifetime_minutes: 60,
          status_page_type: "STATUS_TIMER_PAGE",
          default_language: "uk",
          callback_encryption: false,
        },
      ],
    })
    const text = JSON.stringify(settings)
    for (const secret of await secrets()) expect(text).not.toContain(secret)
    expect((await suite.client.anonymous.raw({ url: "/admin/alliance-pay/settings", method: "get" })).status).toBe(401)
    expect((await expectApiError(suite.client.admin.get("/admin/alliance-pay/settings", { params: { fields: "*" } }))).status).toBe(400)
  })

  it("Test connection: authorize, key check and one read, each step reported; a refused authorization stops there", async () => {
    const passed = await suite.client.admin.post("/admin/alliance-pay/connection/test", {})
    expect(passed).toMatchObject({
      ok: true,
      steps: [
        { step: "authorize", ok: true },
        { step: "key", ok: true },
        { step: "read", ok: true, detail: expect.stringContaining("b_hpp_order_not_found") },
      ],
      connection: { connected: true },
    })
    expect(await bankCalls(suite.world.sandbox, BANK.authorize)).toHaveLength(1)
    expect(await bankCalls(suite.world.sandbox, BANK.orderOperations)).toHaveLength(1)

    await sandboxControl(suite.world.sandbox, "/faults", { path: BANK.authorize, kind: "error", msgCode: "b_merchant_not_found", httpStatus: 400 })
    const refused = await suite.client.admin.post("/admin/alliance-pay/connection/test", {})
    expect(refused).toMatchObject({
      ok: false,
      steps: [
        { step: "authorize", ok: false, detail: expect.stringContaining("b_merchant_not_found") },
        { step: "key", ok: null },
        { step: "read", ok: null },
      ],
    })
    expect(await bankCalls(suite.world.sandbox, BANK.orderOperations)).toHaveLength(1)
    const text = JSON.stringify([passed, refused])
    for (const secret of await secrets()) expect(text).not.toContain(secret)
    expect((await expectApiError(suite.client.admin.post("/admin/alliance-pay/connection/test", { force: true }))).status).toBe(400)
  })

  it("the last callback received, the reconciler's last run and its backlog, after a real callback and a real run", async () => {
    const activity = async () => (await suite.client.admin.get("/admin/alliance-pay/settings/activity")).activity
    expect(await activity()).toEqual({ last_callback: null, reconciler: null, backlog: { due: 0, followed: 0, oldest_due_at: null } })

    // a payment link the shopper has not used yet: open at the bank, due at once (ALLIANCEPAY_RECHECK_AFTER_MS=0,…)
    const open = await cartAtTheBank(suite)
    const waiting = (await activity()).backlog
    expect(waiting).toEqual({ due: 1, followed: 1, oldest_due_at: expect.any(String) })
    expect(Date.parse(waiting.oldest_due_at)).toBeLessThanOrEqual(Date.now())

    // the reconciler's run reads it (still open, unchanged) and schedules it an hour on
    const runAt = Date.now()
    await reconcileJob(suite.container())
    const after = await activity()
    expect(after.reconciler).toEqual({
      started_at: expect.any(String),
      finished_at: expect.any(String),
      outcome: "completed",
      checked: 1,
      changed: 0,
      failed: 0,
      error: null,
    })
    expect(Date.parse(after.reconciler.started_at)).toBeGreaterThanOrEqual(runAt - 1000)
    expect(Date.parse(after.reconciler.finished_at)).toBeGreaterThanOrEqual(Date.parse(after.reconciler.started_at))
    expect(after.backlog).toEqual({ due: 0, followed: 1, oldest_due_at: null })
    expect(await bankCalls(suite.world.sandbox, BANK.orderOperations)).toHaveLength(1)
    expect(after.last_callback).toBeNull()

    // a shopper pays; the bank's callback reaches the shop and is verified by a read
    const paidAt = Date.now()
    const paid = await cartAtTheBank(suite)
    expect(paid.hpp).not.toBe(open.hpp)
    await payOnHostedPage(paid.redirectUrl, CARDS.visa)
    const noted = await waitFor("the callback on the settings page", async () => (await activity()).last_callback ?? undefined)
    expect(noted).toEqual({ received_at: expect.any(String), hpp_order_id: paid.hpp, outcome: "verified" })
    expect(Date.parse(noted.received_at)).toBeGreaterThanOrEqual(paidAt - 1000)
    await capturedOrder(suite)

    // a forged callback about a bank order the shop never created changes nothing (bad input writes nothing);
    // the bank's repeated callback for the paid order, sent after it, is the last callback
    const forged = "1795800000000UNKNOWNxxxx"
    expect(await postCallback(suite.world.medusaUrl, { hppOrderId: forged, orderStatus: "SUCCESS" })).toBe(200)
    const repeatedAt = Date.now()
    expect(await postCallback(suite.world.medusaUrl, { hppOrderId: paid.hpp, orderStatus: "SUCCESS" })).toBe(200)
    const last = await waitFor("the repeated callback noted", async () => {
      const c = (await activity()).last_callback
      return c && Date.parse(c.received_at) >= repeatedAt - 1000 ? c : undefined
    })
    expect(last).toMatchObject({ hpp_order_id: paid.hpp, outcome: "verified" })

    const text = JSON.stringify(await activity())
    for (const secret of await secrets()) expect(text).not.toContain(secret)
    expect((await suite.client.anonymous.raw({ url: "/admin/alliance-pay/settings/activity", method: "get" })).status).toBe(401)
    expect((await expectApiError(suite.client.admin.get("/admin/alliance-pay/settings/activity", { params: { fields: "*" } }))).status).toBe(400)
  })
  },
  // the activity test starts from "no reconciler run yet" and runs the reconciler itself
  { env: { ALLIANCEPAY_RECHECK_AFTER_MS: "0,3600000", ALLIANCEPAY_RECONCILE_SCHEDULE: dailyCronFarFromNow() } }
)
