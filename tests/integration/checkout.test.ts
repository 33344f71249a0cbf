import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cartReadyForPayment, createAdminUser, MedusaApi, seedStore, startPayment, type SeededStore } from "./helpers"
import { ALLIANCE_PROVIDER, bankCalls, payOnHostedPage, startAllianceWorld, waitFor, type AllianceWorld } from "./helpers/alliance"

const env: Record<string, string> = {}
let world: AllianceWorld

beforeAll(async () => {
  world = await startAllianceWorld()
  Object.assign(env, world.env)
})
afterAll(() => world?.sandbox.close())

describe("checkout with Alliance Pay", () => {
  medusaIntegrationTestRunner({
    env,
    testSuite: ({ api, getContainer }) => {
      let seed: SeededStore
      let client: MedusaApi

      beforeAll(async () => {
        seed = await seedStore(getContainer(), { paymentProviders: [ALLIANCE_PROVIDER, "pp_system_default"] })
        const admin = await createAdminUser(getContainer(), api)
        client = new MedusaApi(api, seed.publishableKey, admin.token)
      })

      it("happy path: pay on the bank's page, the callback completes the cart into one captured order", async () => {
        const cart = await cartReadyForPayment(client, seed, { quantity: 2 })
        const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
        const session = collection.payment_sessions[0]
        expect(session.data.redirect_url).toMatch(new RegExp(`^${world.sandbox.url}/hpp/`))
        const [created] = await bankCalls(world.sandbox, "/ecom/execute_request/hpp/v1/create-order")
        expect(created.body).toMatchObject({ coinAmount: 260099, merchantId: world.sandbox.merchant.merchantId })

        await payOnHostedPage(session.data.redirect_url)
        const order = await waitFor("the order", async () => {
          const { orders } = await client.admin.get("/admin/orders", { params: { fields: "id,total,payment_status,*payment_collections.payments.captures" } })
          return orders[0]?.payment_status === "captured" ? orders[0] : undefined
        })
        expect(order.total).toBe(2600.99)
        const { cart: completed } = await client.store.get(`/store/carts/${cart.id}`, { params: { fields: "id,completed_at" } })
        expect(completed.completed_at).toBeTruthy()
      })
    },
  })
})
