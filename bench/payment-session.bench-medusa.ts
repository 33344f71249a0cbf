import { BANK_PATHS } from "../src/core/bank/contract/paths"
/**
 * Creating a payment session through the Store API: Alliance Pay vs Medusa's pp_system_default,
 * same server, same run, interleaved. Alliance Pay's time includes a create-order call to the
 * sandbox bank; the sandbox's own time for each call (from its call log) is subtracted, so the
 * ratio is what the plugin adds. Target: ≤ 1.5×.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { afterAll, beforeAll, describe, it } from "vitest"
import { cartReadyForPayment, createAdminUser, MedusaApi, seedStore, type SeededStore } from "../tests/support/medusa"
import { ALLIANCE_PROVIDER, bankCalls, sandboxControl, startAllianceWorld, type AllianceWorld } from "../tests/support/medusa/alliance"
import { writeSection } from "./lib/report"
import { fmt, summarise } from "./lib/stats"

const N = Number(process.env.BENCH_SESSIONS ?? 200)
const env: Record<string, string> = {}
let world: AllianceWorld

beforeAll(async () => {
  world = await startAllianceWorld()
  Object.assign(env, world.env)
})
afterAll(() => world?.sandbox.close())

describe("payment session creation", () => {
  medusaIntegrationTestRunner({
    env,
    testSuite: ({ api, getContainer }) => {
      let seed: SeededStore
      let client: MedusaApi
      beforeAll(async () => {
        seed = await seedStore(getContainer(), { paymentProviders: [ALLIANCE_PROVIDER, "pp_system_default"], stockedQuantity: 1_000_000 })
        const admin = await createAdminUser(getContainer(), api)
        client = new MedusaApi(api, seed.publishableKey, admin.token)
      })

      it(`${N} sessions per provider`, async () => {
        const timeSession = async (provider: string) => {
          const cart = await cartReadyForPayment(client, seed)
          const { payment_collection } = await client.store.post(`/store/payment-collections`, { cart_id: cart.id })
          const started = performance.now()
          await client.store.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: provider, data: { cart_id: cart.id } })
          return performance.now() - started
        }
        for (let i = 0; i < 10; i++) {
          await timeSession(ALLIANCE_PROVIDER)
          await timeSession("pp_system_default")
        }
        await sandboxControl(world.sandbox, "/calls", undefined, "DELETE")
        const ours: number[] = []
        const peer: number[] = []
        for (let i = 0; i < N; i++) {
          ours.push(await timeSession(ALLIANCE_PROVIDER))
          peer.push(await timeSession("pp_system_default"))
        }
        const bank = (await bankCalls(world.sandbox, BANK_PATHS.createOrder)) as unknown as { durationMs: number | null }[]
        const bankMs = bank.map((c) => c.durationMs ?? 0)
        const net = ours.map((ms, i) => ms - (bankMs[i] ?? 0))
        const [o, p, b, n] = [summarise(ours), summarise(peer), summarise(bankMs), summarise(net)]
        const ratio = n.p50 / p.p50
        const md = `## Payment session through the Store API: Alliance Pay vs \`pp_system_default\`

| provider | p50 | p99 | mean |
|---|---|---|---|
| \`pp_alliancepay_alliancepay\` | ${fmt(o.p50)} | ${fmt(o.p99)} | ${fmt(o.mean)} |
| sandbox bank's own time for create-order (subtracted) | ${fmt(b.p50)} | ${fmt(b.p99)} | ${fmt(b.mean)} |
| Alliance Pay minus the bank | ${fmt(n.p50)} | ${fmt(n.p99)} | ${fmt(n.mean)} |
| peer: \`pp_system_default\` | ${fmt(p.p50)} | ${fmt(p.p99)} | ${fmt(p.mean)} |

Ratio (Alliance Pay − bank) / system at p50: **${ratio.toFixed(2)}×**, at p99: **${(n.p99 / p.p99).toFixed(2)}×**. Target ≤ 1.5×: **${ratio <= 1.5 ? "met" : "NOT met"}**.
${N} sessions per provider, interleaved, after 10 warm-up pairs; one Medusa server (test runner, local event bus) and PostgreSQL on this machine; the sandbox bank in the same process as the client requests.
The plugin's extra work per session: one statement that claims the session's bank order (the one it has for this amount, else a new row written before the call) beside a read of the cart's e-mail and billing address, one update of that row after the call, and the create-order request (body building, sanitising, zod validation of the answer); the device session comes from the process's copy.`
        writeSection("payment-session", md)
        console.log(md)
      }, 1_800_000) // building 2 × 210 carts one after another takes minutes on a 2-core machine
    },
  })
})
