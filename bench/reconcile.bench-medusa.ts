import { BANK_PATHS } from "../src/core/bank/contract/paths"
/**
 * The reconciler against a backlog: 10,000 open bank orders in the sandbox, whose every answer
 * takes 50 ms, re-read with concurrency 16. The physical floor is 10,000 × 50 ms / 16 ≈ 31 s;
 * target ≤ 1.3× that. Reports wall time, bank calls made and the process's peak RSS.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { afterAll, beforeAll, describe, it } from "vitest"
import { reconcileDue } from "../src/workflows/reconcile"
import { forEachLimited } from "../src/workflows/reconcile/pool"
import { ALLIANCE_PAY_MODULE } from "../src/modules/alliance-pay"
import type AlliancePayModuleService from "../src/modules/alliance-pay/service"
import { bankCalls, sandboxControl, startAllianceWorld, type AllianceWorld } from "../tests/support/medusa/alliance"
import { writeSection } from "./lib/report"

const ORDERS = Number(process.env.BENCH_RECONCILE_ORDERS ?? 10_000)
const LATENCY_MS = 50
const CONCURRENCY = 16
const env: Record<string, string> = {}
let world: AllianceWorld

beforeAll(async () => {
  world = await startAllianceWorld()
  Object.assign(env, world.env)
})
afterAll(() => world?.sandbox.close())

describe("reconciler backlog", () => {
  medusaIntegrationTestRunner({
    env,
    testSuite: ({ getContainer }) => {
      it(`${ORDERS} open bank orders, ${LATENCY_MS} ms bank latency, concurrency ${CONCURRENCY}`, async () => {
        const container = getContainer() as MedusaContainer
        const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
        const setupStart = performance.now()
        await forEachLimited(
          Array.from({ length: ORDERS }, (_, i) => i),
          16,
          async (i) => {
            await alliancePay.openBankOrder({
              providerId: "alliancepay_alliancepay",
              paymentSessionId: `payses_bench_${i}`,
              currency: "uah",
              coinAmount: 10_000 + i,
              successUrl: "https://shop.example.ua/return",
              failUrl: "https://shop.example.ua/return",
              customer: { customerId: `cus_bench_${i}` },
            })
          }
        )
        const setupS = (performance.now() - setupStart) / 1000
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await pg.raw("update alliancepay_bank_order set next_check_at = now() - interval '1 second'")
        await sandboxControl(world.sandbox, "/calls", undefined, "DELETE")
        await sandboxControl(world.sandbox, "/config", { latencyMs: LATENCY_MS }, "PATCH")

        let peakRss = process.memoryUsage().rss
        const baseRss = peakRss
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
        const started = performance.now()
        const summary = await reconcileDue(container, { concurrency: CONCURRENCY, pageSize: 200 })
        const seconds = (performance.now() - started) / 1000
        clearInterval(sampler)

        const reads = await bankCalls(world.sandbox, BANK_PATHS.orderOperations)
        const floor = (ORDERS * LATENCY_MS) / CONCURRENCY / 1000
        const ratio = seconds / floor
        const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
        const md = `## Reconciler: ${ORDERS.toLocaleString("en")} open bank orders

| figure | value |
|---|---|
| bank orders re-read | ${summary.checked} (${summary.failed} failed, ${summary.changed} changed) |
| bank calls made (\`operations\`, from the sandbox's log) | ${reads.length} |
| wall time | ${seconds.toFixed(1)} s |
| physical floor (${ORDERS} × ${LATENCY_MS} ms / ${CONCURRENCY}) | ${floor.toFixed(1)} s |
| ratio to the floor | **${ratio.toFixed(2)}×** (target ≤ 1.3×: **${ratio <= 1.3 ? "met" : "NOT met"}**) |
| peak RSS of the process (Medusa + sandbox + runner) | ${mb(peakRss)} (${mb(peakRss - baseRss)} above the start of the run) |

The sandbox answers every call after ${LATENCY_MS} ms; it runs in the same process as Medusa. Orders are claimed ${200} at a
time (\`FOR UPDATE SKIP LOCKED\`), so memory does not grow with the backlog. Setting up the backlog (creating
${ORDERS} bank orders through the plugin) took ${setupS.toFixed(0)} s and is not counted.`
        writeSection("reconcile", md)
        console.log(md)
      })
    },
  })
})
