/**
 * Helpers for integration suites: a real Medusa (this repo's medusa-config.ts + src/) booted by
 * `medusaIntegrationTestRunner` inside vitest's `integration` project (see vitest.config.ts).
 *
 *   import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
 *   import { beforeAll, describe, expect, it } from "vitest"
 *   import { cartReadyForPayment, createAdminUser, MedusaApi, seedStore, startPayment, type SeededStore } from "../support/medusa"
 *
 *   describe("my feature", () => {
 *     medusaIntegrationTestRunner({
 *       testSuite: ({ api, getContainer }) => {
 *         let seed: SeededStore, client: MedusaApi
 *         beforeAll(async () => {                       // runs once, after boot; becomes the snapshot
 *           seed = await seedStore(getContainer())
 *           const admin = await createAdminUser(getContainer(), api)
 *           client = new MedusaApi(api, seed.publishableKey, admin.token)
 *         })
 *         it("...", async () => {                        // the DB is restored to the snapshot before each test
 *           const cart = await cartReadyForPayment(client, seed)
 *           await startPayment(client, cart.id, "pp_system_default")
 *           expect((await client.store.post(`/store/carts/${cart.id}/complete`)).type).toBe("order")
 *         })
 *       },
 *     })
 *   })
 *
 * Env for the server (e.g. a sandbox URL known only after it starts): pass an object as the runner's
 * `env` and fill it in a file-level `beforeAll` (it runs before the runner's boot); the runner applies
 * it to process.env before loading medusa-config.ts and restores it afterwards.
 */
export * from "./admin"
export * from "./api"
export * from "./seed"
export * from "./shopper"
