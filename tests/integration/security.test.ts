import { generateKeyPairSync } from "node:crypto"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { deviceSessionId } from "../../src/modules/alliance-pay/device-session-store"
import type AlliancePayModuleService from "../../src/modules/alliance-pay/service"
import { SessionSealer } from "../../src/modules/alliance-pay/session-sealing"
import { stableUuid } from "../../src/sandbox/ids"
import { cartReadyForPayment, createAdminUser, MedusaApi, seedStore, startPayment, type SeededStore } from "./helpers"
import { ALLIANCE_PROVIDER, BANK, bankCalls, resetSandbox, sandboxControl, startAllianceWorld, type AllianceWorld } from "./helpers/alliance"

const env: Record<string, string> = {}
let world: AllianceWorld

beforeAll(async () => {
  world = await startAllianceWorld()
  Object.assign(env, world.env)
})
afterAll(() => world?.sandbox.close())

describe("security: secrets at rest and what a storefront can make the plugin do", () => {
  medusaIntegrationTestRunner({
    env,
    testSuite: ({ api, getContainer }) => {
      let seed: SeededStore
      let client: MedusaApi
      const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const alliancePay = () => getContainer().resolve<AlliancePayModuleService>("alliancePay")
      const serviceCode = () => world.env.ALLIANCEPAY_SERVICE_CODE
      /** the device id the sandbox bank gives this merchant */
      const bankDeviceId = () => stableUuid(`alliancepay-sandbox-device:${serviceCode()}`)
      /** the device session row exactly as Postgres holds it */
      const rawSessionRows = async () => (await pg().raw("select * from alliancepay_device_session")).rows as Record<string, unknown>[]

      beforeAll(async () => {
        seed = await seedStore(getContainer(), { paymentProviders: [ALLIANCE_PROVIDER, "pp_system_default"] })
        const admin = await createAdminUser(getContainer(), api)
        client = new MedusaApi(api, seed.publishableKey, admin.token)
      })
      beforeEach(() => resetSandbox(world.sandbox))

      describe("the bank device session at rest", () => {
        it("Postgres holds no plaintext device id or refresh token, only a sealed value", async () => {
          const cart = await cartReadyForPayment(client, seed)
          const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER)
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
          const first = await cartReadyForPayment(client, seed)
          await startPayment(client, first.id, ALLIANCE_PROVIDER)

          const otherKey = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ format: "jwk" })
          const foreign = SessionSealer.fromMerchantKey(otherKey, serviceCode()).seal({ deviceId: "old-device", refreshToken: "old-token" }, deviceSessionId(serviceCode()))
          await pg().raw("update alliancepay_device_session set sealed_credentials = ?", [foreign])
          // and the bank no longer takes the session this process still holds in memory
          await sandboxControl(world.sandbox, "/session/expire", {})
          await sandboxControl(world.sandbox, "/calls", undefined, "DELETE")

          const second = await cartReadyForPayment(client, seed)
          const collection = await startPayment(client, second.id, ALLIANCE_PROVIDER)
          expect(collection.payment_sessions[0].data).toMatchObject({ redirect_url: expect.any(String), state: "pending" })

          const calls = await bankCalls(world.sandbox)
          expect(calls.filter((c) => c.path === BANK.authorize).map((c) => c.httpStatus)).toEqual([200])
          expect(calls.filter((c) => c.path === BANK.createOrder).at(-1)).toMatchObject({ httpStatus: 200, session: "current" })
          const [row] = await rawSessionRows()
          expect(row.sealed_credentials).not.toBe(foreign)
          const renewed = await alliancePay().deviceSessionStore(serviceCode()).get()
          expect(renewed?.deviceId).toBe(bankDeviceId())
          expect((await alliancePay().connectionStatus()).connected).toBe(true)
        })
      })
    },
  })
})
