import { ALLIANCE_PROVIDER } from "../../tests/support/medusa/alliance"
import type { Instance, Topology } from "../../tests/support/medusa/topology"
import { writeSection } from "./report"
import { rssMb, shopper, sleep, SYSTEM_PROVIDER, type Store } from "./topology-load"

const WARM_UP_CARTS = 20

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function settledRss(instance: Instance): Promise<number> {
  await sleep(5_000)
  const samples: number[] = []
  for (let i = 0; i < 3; i++) {
    samples.push(rssMb(instance))
    await sleep(2_000)
  }
  return median(samples)
}

/**
 * Two server-mode instances of the same app, started together: one with the plugin's modules registered, one
 * without (no credentials in its environment). RSS idle after boot, then after the same checkout work (carts
 * with a payment session: Alliance Pay on one, `pp_system_default` on the other). Both are stopped afterwards.
 */
export async function benchMemory(topology: Topology, [withPlugin, withoutPlugin]: Instance[], store: Store) {
  const idle = { with: await settledRss(withPlugin), without: await settledRss(withoutPlugin) }
  for (let i = 0; i < WARM_UP_CARTS; i++) {
    const [a, b] = await Promise.all([shopper(withPlugin, store, ALLIANCE_PROVIDER, i), shopper(withoutPlugin, store, SYSTEM_PROVIDER, i, { complete: false })])
    if (a.error || b.error) throw new Error(`warm-up failed: ${a.error ?? b.error}`)
  }
  const warm = { with: await settledRss(withPlugin), without: await settledRss(withoutPlugin) }
  for (const instance of [withPlugin, withoutPlugin]) topology.signal(instance, "SIGKILL")
  const delta = warm.with - warm.without
  const md = `## Memory: the same app with and without the plugin (topology, server mode)

| RSS (MB, whole process group, median of 3 samples) | with the plugin | without | difference |
|---|---|---|---|
| idle after boot | ${idle.with.toFixed(0)} | ${idle.without.toFixed(0)} | ${(idle.with - idle.without).toFixed(0)} |
| after ${WARM_UP_CARTS} checkouts to the payment session | ${warm.with.toFixed(0)} | ${warm.without.toFixed(0)} | **${delta.toFixed(0)}** |

Target ≤ +30 MB: **${delta <= 30 ? "met" : "NOT met"}** (after the checkouts; idle: ${(idle.with - idle.without).toFixed(0)} MB).
Two \`medusa start\` server-mode instances of this repository's app, started together in the same run on the same
Postgres and Redis: "with" registers the \`alliancePay\` module and the payment provider (its credentials in the
environment), "without" does not (\`ALLIANCEPAY_SERVICE_CODE\` empty, so \`medusa-config.ts\` leaves both out). The
plugin's route, subscriber and job files are still loaded by both (they are this app's own \`src\`), so the
difference is the modules, the bank client and their work, not the few route handlers. The checkouts: a cart of
5 requests, then a payment session with Alliance Pay (a create-order at the sandbox bank) on "with", with
\`pp_system_default\` on "without". RSS is noisy to a few MB (V8 grows its heap in steps).`
  writeSection("topology-memory", md)
  console.log(md)
}
