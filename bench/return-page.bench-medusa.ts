/**
 * The return page, at the HTTP level: from the bank sending the shopper back to the shop (the
 * hosted page's redirect) until the return page has the order to show. The page's requests are
 * made exactly as scripts/demo/storefront/public/return.js makes them: ask the cart's payment
 * status (the shop re-reads the bank: its record is not final yet), then complete the cart.
 * The bank's callback is left at Medusa's default 5 s delay, so the shopper is back first, as in
 * the demo. Target: p50 ≤ 1 s on loopback; the floor is one bank read plus Medusa's cart completion.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { loadavg } from "node:os"
import { afterAll, beforeAll, describe, it } from "vitest"
import { cartReadyForPayment, createAdminUser, MedusaApi, seedStore, startPayment, type SeededStore } from "../tests/support/medusa"
import { ALLIANCE_PROVIDER, CARDS, payOnHostedPage, sandboxControl, startAllianceWorld, type AllianceWorld } from "../tests/support/medusa/alliance"
import { writeSection } from "./lib/report"
import { fmt, summarise } from "./lib/stats"

const N = Number(process.env.BENCH_RETURNS ?? 60)
const env: Record<string, string> = {}
let world: AllianceWorld

beforeAll(async () => {
  world = await startAllianceWorld()
  Object.assign(env, world.env)
})
afterAll(() => world?.sandbox.close())

describe("return page", () => {
  medusaIntegrationTestRunner({
    env,
    testSuite: ({ api, getContainer }) => {
      let seed: SeededStore
      let client: MedusaApi
      beforeAll(async () => {
        seed = await seedStore(getContainer(), { paymentProviders: [ALLIANCE_PROVIDER], stockedQuantity: 1_000_000 })
        const admin = await createAdminUser(getContainer(), api)
        client = new MedusaApi(api, seed.publishableKey, admin.token)
      })

      it(`${N} shoppers back from the bank`, async () => {
        const oneReturn = async () => {
          const cart = await cartReadyForPayment(client, seed)
          const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
          await payOnHostedPage(collection.payment_sessions[0].data.redirect_url, CARDS.visa)
          // the bank has just sent the browser to the shop's return page
          const started = performance.now()
          const { payment } = await client.store.get(`/store/alliance-pay/carts/${cart.id}/payment-status`)
          const asked = performance.now()
          if (payment.status !== "paid") throw new Error(`expected paid, the route said ${payment.status}`)
          const completed = await client.store.post(`/store/carts/${cart.id}/complete`)
          if (completed.type !== "order") throw new Error("the cart did not become an order")
          const done = performance.now()
          return { total: done - started, status: asked - started, complete: done - asked }
        }
        const loadBefore = loadavg()[0]
        for (let i = 0; i < 5; i++) await oneReturn()
        await sandboxControl(world.sandbox, "/calls", undefined, "DELETE")
        const runs = []
        for (let i = 0; i < N; i++) runs.push(await oneReturn())
        const [t, s, c] = [summarise(runs.map((r) => r.total)), summarise(runs.map((r) => r.status)), summarise(runs.map((r) => r.complete))]
        const md = `## Return page: from the bank's redirect to the order on the page

| step (as the demo's return page makes them) | p50 | p99 | mean |
|---|---|---|---|
| \`GET /store/alliance-pay/carts/:id/payment-status\` (one bank read: the record is not final yet) | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.mean)} |
| \`POST /store/carts/:id/complete\` (Medusa's cart completion; the provider reads the bank once more) | ${fmt(c.p50)} | ${fmt(c.p99)} | ${fmt(c.mean)} |
| **total: the order is on the page** | **${fmt(t.p50)}** | **${fmt(t.p99)}** | ${fmt(t.mean)} |

Target p50 ≤ 1 s on loopback: **${t.p50 <= 1000 ? "met" : "NOT met"}**. ${N} paid carts one after another, after 5 warm-up ones; the
sandbox bank on loopback (the clock starts when its page redirects to the shop: a status page's timer is the bank's);
the bank's callback at Medusa's default 5 s delay, so the shopper is back first, as in the demo. One Medusa server
(test runner, local event bus) and PostgreSQL on this machine, 1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after the run
(other work shared the machine: p99 follows the load). Before issue 15 the demo's return page called
\`complete\` directly and read \`payment_status\` from its answer (which has none: "undefined"), and a declined
payment cost an order number per attempt; the issue measured 2.4–2.9 s in the demo's browser.`
        writeSection("return-page", md)
        console.log(md)
      })
    },
  })
})
