import { expect, it } from "vitest"
import { expectApiError } from "../support/medusa"
import { BANK, bankCalls, sandboxControl } from "../support/medusa/alliance"
import { describeWithAlliancePay } from "../support/medusa/suite"

/** Issue 15: Settings → Alliance Pay shows the whole configuration (secrets masked) and tests the connection. */
describeWithAlliancePay("Settings → Alliance Pay: configuration and Test connection", (suite) => {
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
          callback_url: `${suite.world.medusaUrl}/hooks/payment/alliancepay_a2a`,
          success_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          fail_url: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
          payment_methods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"],
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
})
