import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { beforeAll, describe, expect, it } from "vitest"
import {
  cartReadyForPayment,
  createAdminUser,
  MedusaApi,
  seedStore,
  startPayment,
  UA_ADDRESS,
  type AdminUser,
  type SeededStore,
} from "../support/medusa"

/**
 * Proves the harness end to end: Medusa boots inside vitest with this repo's medusa-config.ts,
 * the seed gives a shopper everything needed to check out in UAH through the Store API, and the
 * merchant sees the resulting order through the Admin API.
 */
const fileStart = performance.now()
const timings = (label: string, since: number) => {
  if (process.env.MEDUSA_TEST_TIMINGS) console.info(`[smoke] ${label}: ${((performance.now() - since) / 1000).toFixed(1)} s`)
}

describe("checkout smoke: Medusa + Postgres + Store/Admin API", () => {
  medusaIntegrationTestRunner({
    testSuite: ({ api, getContainer }) => {
      let seed: SeededStore
      let admin: AdminUser
      let client: MedusaApi

      beforeAll(async () => {
        timings("boot (db + migrations + app start)", fileStart)
        const seedStart = performance.now()
        seed = await seedStore(getContainer())
        admin = await createAdminUser(getContainer(), api)
        client = new MedusaApi(api, seed.publishableKey, admin.token)
        timings("seed + admin", seedStart)
      })

      it("a shopper checks out in UAH with the system provider and the merchant sees the order with its exact total", async () => {
        const cart = await cartReadyForPayment(client, seed, { quantity: 2, email: "olena@example.com" })
        expect(cart.currency_code).toBe("uah")
        expect(cart.region_id).toBe(seed.regionId)
        expect(cart.sales_channel_id).toBe(seed.salesChannelId)
        expect(cart.items).toHaveLength(1)
        expect(cart.shipping_methods).toHaveLength(1)
        // 2 × 1250.50 + 99.99 shipping, no tax in the seeded region
        expect(cart.total).toBe(2600.99)

        const collection = await startPayment(client, cart.id, "pp_system_default")
        expect(collection.amount).toBe(2600.99)
        expect(collection.payment_sessions).toEqual([
          expect.objectContaining({ provider_id: "pp_system_default", amount: 2600.99, status: "pending" }),
        ])

        const completed = await client.store.post(`/store/carts/${cart.id}/complete`)
        expect(completed.type).toBe("order")
        const orderId = completed.order.id

        const { orders, count } = await client.admin.get("/admin/orders", {
          params: { fields: "id,display_id,email,currency_code,total,payment_status,*items,*shipping_address" },
        })
        expect(count).toBe(1)
        expect(orders[0]).toMatchObject({
          id: orderId,
          email: "olena@example.com",
          currency_code: "uah",
          total: 2600.99,
          payment_status: "authorized",
          shipping_address: expect.objectContaining({ city: UA_ADDRESS.city, country_code: "ua" }),
        })
        expect(orders[0].items).toEqual([expect.objectContaining({ variant_id: seed.variantId, quantity: 2, unit_price: 1250.5 })])
      })

      it("every test starts from the seeded snapshot: no orders, the seeded admin still logs in", async () => {
        const { count } = await client.admin.get("/admin/orders")
        expect(count).toBe(0)
        const { products } = await client.store.get("/store/products", { params: { region_id: seed.regionId } })
        expect(products.map((p: { id: string }) => p.id)).toEqual([seed.productId])
        expect(products[0].variants[0].calculated_price.calculated_amount).toBe(1250.5)
        const login = await client.anonymous.raw({
          method: "post",
          url: "/auth/user/emailpass",
          data: { email: admin.email, password: admin.password },
        })
        expect(login.status).toBe(200)
      })

      it("the Store API refuses a request without the publishable key", async () => {
        const res = await client.anonymous.raw({ method: "get", url: "/store/products" })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/publishable/i)
      })
    },
  })
})
