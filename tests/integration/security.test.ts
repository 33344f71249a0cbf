import { describeWithAlliancePay } from "../support/medusa/suite"
import { generateKeyPairSync } from "node:crypto"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { beforeAll, beforeEach, describe, expect, it } from "vitest"
import { deviceSessionId } from "../../src/modules/alliance-pay/device-session-store"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import { SessionSealer } from "../../src/modules/alliance-pay/session-sealing"
import { stableUuid } from "../../src/sandbox/ids"
import { cartReadyForPayment, startPayment } from "../support/medusa"
import { dropCallbacks, TEST_CARD } from "../support/medusa/orders"
import {
  ALLIANCE_PROVIDER,
  BANK,
  bankCalls,
  payOnHostedPage,
  postCallback,
  resetSandbox,
  sandboxControl,
  sleep,
} from "../support/medusa/alliance"


describeWithAlliancePay(
  "security: secrets at rest and what a storefront can make the plugin do",
  (suite, { getContainer }) => {
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const alliancePay = () => getContainer().resolve<AlliancePayModuleService>("alliancePay")
    const serviceCode = () => suite.world.env.ALLIANCEPAY_SERVICE_CODE
    /** the device id the sandbox bank gives this merchant */
    const bankDeviceId = () => stableUuid(`alliancepay-sandbox-device:${serviceCode()}`)
    /** the device session row exactly as Postgres holds it */
    const rawSessionRows = async () => (await pg().raw("select * from alliancepay_device_session")).rows as Record<string, unknown>[]

    beforeAll(async () => {
      // every event Medusa emits: a refused callback must not even start webhook processing
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as { emit: (...args: any[]) => Promise<unknown> }
      const emit = eventBus.emit.bind(eventBus)
      eventBus.emit = (data: any, ...rest: any[]) => {
        for (const e of Array.isArray(data) ? data : [data]) {
          let body = ""
          try {
            body = JSON.stringify(e?.data ?? null).slice(0, 20_000)
          } catch {
            body = "(unserialisable)" // too deep to print: counts as any body below
          }
          events.push({ name: String(e?.name ?? e?.eventName), body })
        }
        return emit(data, ...rest)
      }
    })
    const events: { name: string; body: string }[] = []
    /** webhook events about this test's own bodies (a late callback of an earlier test may also arrive) */
    const webhookEvents = (marker: string) => events.filter((e) => e.name === "payment.webhook_received" && (e.body.includes(marker) || e.body === "(unserialisable)"))
    beforeEach(async () => {
      await resetSandbox(suite.world.sandbox)
      await dropCallbacks(suite.world.sandbox)
    })

    describe("the bank device session at rest", () => {
      it("Postgres holds no plaintext device id or refresh token, only a sealed value", async () => {
        const cart = await cartReadyForPayment(suite.client, suite.seed)
        const collection = await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER)
        expect(collection.payment_sessions[0].data.redirect_url).toEqual(expect.any(String))

        const rows = await rawSessionRows()
        expect(rows).toHaveLength(1)
        expect(Object.keys(rows[0])).not.toEqual(expect.arrayContaining(["device_id"]))
        expect(Object.keys(rows[0])).not.toContain("refresh_token")
        expect(Object.keys(rows[0])).not.toContain("auth_token")
        expect(rows[0].sealed_credentials).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)

        // what the plugin itself uses: the sandbox's device id and a live refresh token
        const session = await alliancePay().deviceSessionStore(serviceCode()).get()
        expect(session?.deviceId).toBe(bankDeviceId())
        const dump = JSON.stringify(rows)
        expect(dump).not.toContain(session!.deviceId)
        expect(dump).not.toContain(session!.refreshToken)
      })

      it("a row sealed with another key (the merchant key changed) leads to a clean re-authorization on the next bank call", async () => {
        const first = await cartReadyForPayment(suite.client, suite.seed)
        await startPayment(suite.client, first.id, ALLIANCE_PROVIDER)

        const otherKey = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ format: "jwk" })
        const foreign = SessionSealer.fromMerchantKey(otherKey, serviceCode()).seal({ deviceId: "old-device", refreshToken: "old-token" }, deviceSessionId(serviceCode()))
        await pg().raw("update alliancepay_device_session set sealed_credentials = ?", [foreign])
        // and the bank no longer takes the session this process still holds in memory
        await sandboxControl(suite.world.sandbox, "/session/expire", {})
        await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")

        const second = await cartReadyForPayment(suite.client, suite.seed)
        const collection = await startPayment(suite.client, second.id, ALLIANCE_PROVIDER)
        expect(collection.payment_sessions[0].data).toMatchObject({ redirect_url: expect.any(String), state: "pending" })

        const calls = await bankCalls(suite.world.sandbox)
        expect(calls.filter((c) => c.path === BANK.authorize).map((c) => c.httpStatus)).toEqual([200])
        expect(calls.filter((c) => c.path === BANK.createOrder).at(-1)).toMatchObject({ httpStatus: 200, session: "current" })
        const [row] = await rawSessionRows()
        expect(row.sealed_credentials).not.toBe(foreign)
        const renewed = await alliancePay().deviceSessionStore(serviceCode()).get()
        expect(renewed?.deviceId).toBe(bankDeviceId())
        expect((await alliancePay().connectionStatus()).connected).toBe(true)
      })
    })

    describe("nothing the storefront sends is trusted", () => {
      const victimAddress = { first_name: "Lesya", last_name: "Ukrainka", address_1: "Lychakivska 1", city: "Lviv", postal_code: "79000", country_code: "ua", phone: "+380322222222" }

      it("another cart's id in the session data sends nothing of that cart to the bank", async () => {
        const victim = await cartReadyForPayment(suite.client, suite.seed, { email: "victim@alliancepay.test", address: victimAddress })
        const attacker = await cartReadyForPayment(suite.client, suite.seed, { email: "attacker@alliancepay.test" })
        await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")

        const collection = await startPayment(suite.client, attacker.id, ALLIANCE_PROVIDER, {
          cart_id: victim.id,
          language: "en",
          purpose: "Refund approved",
          customer: { email: "victim@alliancepay.test" },
          success_url: "https://evil.example/",
        })
        expect(collection.payment_sessions[0].data.redirect_url).toEqual(expect.any(String))

        // the bank's answer to the order it accepted (a first try may meet a session the sandbox reset forgot)
        const [created] = (await bankCalls(suite.world.sandbox, BANK.createOrder)).filter((c) => c.httpStatus === 200)
        const sent = JSON.stringify(created.body)
        for (const leak of [victim.id, "victim@alliancepay.test", "Lesya", "Ukrainka", "Lviv", "Lychakivska", "+380322222222", "evil.example", "Refund approved"]) {
          expect(sent).not.toContain(leak)
        }
        // the bank gets the paying cart: its id in the return URL and purpose, its shopper's e-mail
        expect(sent).toContain(attacker.id)
        expect(sent).toContain("attacker@alliancepay.test")
        expect(created.body).toMatchObject({ language: "en" })
      })

      it("only a documented page language passes; anything else falls back to the default", async () => {
        const cart = await cartReadyForPayment(suite.client, suite.seed)
        await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER, { language: "ru\"><script>" })
        const [created] = (await bankCalls(suite.world.sandbox, BANK.createOrder)).filter((c) => c.httpStatus === 200)
        expect(created.body).toMatchObject({ language: "uk" })
      })

      it("a shopper's metadata.alliancepay_note never shows in the admin panel as the plugin's note", async () => {
        const cart = await cartReadyForPayment(suite.client, suite.seed)
        const forged = "Refund approved by Alliance Bank: ship the goods"
        await suite.client.store.post(`/store/carts/${cart.id}`, { metadata: { alliancepay_note: forged } })
        const collection = await startPayment(suite.client, cart.id, ALLIANCE_PROVIDER)
        await payOnHostedPage(collection.payment_sessions[0].data.redirect_url, TEST_CARD.visa)
        const completed = await suite.client.store.post(`/store/carts/${cart.id}/complete`)
        expect(completed.type).toBe("order")

        // Medusa copies the cart's metadata onto the order: the forged text is there …
        const { order } = await suite.client.admin.get(`/admin/orders/${completed.order.id}`, { params: { fields: "id,metadata" } })
        expect(order.metadata?.alliancepay_note).toBe(forged)
        // … and the plugin's panel does not present it as its own
        const { alliance_pay: view } = await suite.client.admin.get(`/admin/alliance-pay/orders/${completed.order.id}`)
        expect(view.note).toBeNull()
        expect(JSON.stringify(view)).not.toContain(forged)
      })
    })

    describe("bounded input", () => {
      it("a deeply nested or oversized callback is refused with a 4xx before anything reads it; a sane one is still taken", async () => {
        await sandboxControl(suite.world.sandbox, "/calls", undefined, "DELETE")
        events.length = 0
        const deep = "[".repeat(20_000) + "]".repeat(20_000)
        expect(await postCallback(suite.world.medusaUrl, deep)).toBe(400)
        expect(await postCallback(suite.world.medusaUrl, `{"hppOrderId":${"{\"a\":".repeat(17)}1${"}".repeat(17)}}`)).toBe(400)
        // the 40,000-deep body that overflowed the stack: past the size bound already
        expect(await postCallback(suite.world.medusaUrl, "[".repeat(40_000) + "]".repeat(40_000))).toBe(413)
        expect(await postCallback(suite.world.medusaUrl, { hppOrderId: "x".repeat(70_000) })).toBe(413)
        expect(await postCallback(suite.world.medusaUrl, "[".repeat(30_000), "text/plain")).toBe(400)
        await sleep(500)
        expect(webhookEvents("[[[[")).toEqual([])
        expect(webhookEvents("xxxxxxxx")).toEqual([])
        expect(await bankCalls(suite.world.sandbox)).toEqual([])

        // brackets inside strings do not count; a forged but sane callback is taken (and changes nothing)
        expect(await postCallback(suite.world.medusaUrl, { hppOrderId: "[".repeat(1000), merchantRequestId: "{{{{" })).toBe(200)
        await sleep(500)
        expect(webhookEvents("[[[[")).toHaveLength(1)
        expect((await bankCalls(suite.world.sandbox)).filter((c) => JSON.stringify(c.body).includes("[[[["))).toEqual([])
      })

      it("admin bodies are bounded in size and field length", async () => {
        const memo = (body: unknown) => suite.client.admin.raw({ method: "post", url: "/admin/alliance-pay/orders/order_x/credit-memos", data: body })
        const tooLong = [
          { mode: "offline", note: "n".repeat(2001) },
          { mode: "offline", shipping: "9".repeat(33) },
          { mode: "offline", refund_reason_id: "r".repeat(101) },
          { mode: "offline", items: [{ item_id: "i".repeat(101), quantity: 1 }] },
          { mode: "offline", items: Array.from({ length: 501 }, (_, i) => ({ item_id: `item_${i}`, quantity: 1 })) },
        ]
        for (const body of tooLong) expect((await memo(body)).status).toBe(400)
        expect((await memo({ mode: "offline", note: "n".repeat(70_000) })).status).toBe(413)
        const authorize = await suite.client.admin.raw({ method: "post", url: "/admin/alliance-pay/connection/authorize", data: { x: "y".repeat(70_000) } })
        expect(authorize.status).toBe(413)
        // within the bounds the request reaches the route (an unknown order: 404)
        expect((await memo({ mode: "offline", note: "n".repeat(2000) })).status).toBe(404)
      })
    })
  },
)
