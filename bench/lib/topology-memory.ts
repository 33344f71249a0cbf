import { join } from "node:path"
import { ALLIANCE_PROVIDER } from "../../tests/support/medusa/alliance"
import type { Instance, Topology } from "../../tests/support/medusa/topology"
import { writeSection } from "./report"
import { rssMb, shopper, sleep, SYSTEM_PROVIDER, type Store } from "./topology-load"

const WARM_UP_CARTS = Number(process.env.BENCH_MEMORY_CHECKOUTS ?? 20)
const SAMPLES = 5
const MB = 1024 * 1024

/** The environment both instances of the pair start with: the same preload and V8 flag on each side. */
export const MEMORY_INSTANCE_ENV = {
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--expose-gc", "--require", join(__dirname, "gc-on-signal.cjs")].filter(Boolean).join(" "),
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

interface Sample {
  /** RSS as it is: wherever the instance's garbage collector happens to be */
  asIs: number
  /** RSS after a full garbage collection in the instance */
  afterGc: number
  /** the V8 heap still in use after that collection */
  liveHeap: number
}

const reports = (instance: Instance) => instance.log().split("\n").filter((l) => l.startsWith("[memory-bench] "))

async function fullGc(instance: Instance): Promise<{ heapUsed: number }> {
  const before = reports(instance).length
  process.kill(instance.pid, "SIGUSR2")
  for (let waited = 0; waited < 10_000; waited += 100) {
    const lines = reports(instance)
    if (lines.length > before) return JSON.parse(lines[lines.length - 1].slice("[memory-bench] ".length))
    await sleep(100)
  }
  throw new Error(`${instance.name} did not report after SIGUSR2 (is gc-on-signal.cjs preloaded?)`)
}

async function sample(instance: Instance): Promise<Sample> {
  // as is first, before this run's first forced collection changes the heap
  const asIs: number[] = []
  for (let i = 0; i < 3; i++) {
    asIs.push(rssMb(instance))
    await sleep(2_000)
  }
  const afterGc: number[] = []
  const liveHeap: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const { heapUsed } = await fullGc(instance)
    // the collector's freed pages leave the resident set shortly after it returns
    await sleep(1_000)
    afterGc.push(rssMb(instance))
    liveHeap.push(heapUsed / MB)
  }
  return { asIs: median(asIs), afterGc: median(afterGc), liveHeap: median(liveHeap) }
}

async function samplePair([withPlugin, withoutPlugin]: Instance[]) {
  await sleep(5_000)
  const [a, b] = await Promise.all([sample(withPlugin), sample(withoutPlugin)])
  return { with: a, without: b }
}

/** whole MB; a difference that rounds to zero is 0, never "-0" */
const mb = (value: number) => (Math.round(value) || 0).toFixed(0)

const row = (label: string, pair: { with: Sample; without: Sample }, key: keyof Sample, bold = false) => {
  const d = mb(pair.with[key] - pair.without[key])
  return `| ${label} | ${pair.with[key].toFixed(0)} | ${pair.without[key].toFixed(0)} | ${bold ? `**${d}**` : d} |`
}

/**
 * Two server-mode instances of the same app, started together: one with the plugin's modules registered, one
 * without (no credentials in its environment). Memory idle after boot, then after the same checkout work (carts
 * with a payment session: Alliance Pay on one, `pp_system_default` on the other). Both are stopped afterwards.
 */
export async function benchMemory(topology: Topology, pair: Instance[], store: Store) {
  const [withPlugin, withoutPlugin] = pair
  const idle = await samplePair(pair)
  for (let i = 0; i < WARM_UP_CARTS; i++) {
    const [a, b] = await Promise.all([shopper(withPlugin, store, ALLIANCE_PROVIDER, i), shopper(withoutPlugin, store, SYSTEM_PROVIDER, i, { complete: false })])
    if (a.error || b.error) throw new Error(`warm-up failed: ${a.error ?? b.error}`)
  }
  const warm = await samplePair(pair)
  for (const instance of pair) topology.signal(instance, "SIGKILL")
  const delta = warm.with.afterGc - warm.without.afterGc
  const md = `## Memory: the same app with and without the plugin (topology, server mode)

| MB (RSS: whole process group; median of 3 samples as is, then of ${SAMPLES} after a GC each) | with the plugin | without | difference |
|---|---|---|---|
${row("idle after boot: RSS as sampled", idle, "asIs")}
${row("idle after boot: RSS after a full GC in both", idle, "afterGc")}
${row("idle after boot: V8 heap in use after that GC", idle, "liveHeap")}
${row(`after ${WARM_UP_CARTS} checkouts to the payment session: RSS as sampled`, warm, "asIs")}
${row(`after ${WARM_UP_CARTS} checkouts: RSS after a full GC in both`, warm, "afterGc", true)}
${row(`after ${WARM_UP_CARTS} checkouts: V8 heap in use after that GC`, warm, "liveHeap")}

Target ≤ +30 MB: **${delta <= 30 ? "met" : "NOT met"}** (RSS after the checkouts and a full GC in both; idle:
${mb(idle.with.afterGc - idle.without.afterGc)} MB; as sampled without a GC: ${mb(warm.with.asIs - warm.without.asIs)} MB).
Two \`medusa start\` server-mode instances of this repository's app, started together in the same run on the same
Postgres and Redis: "with" registers the \`alliancePay\` module and the payment provider (its credentials in the
environment), "without" does not (\`ALLIANCEPAY_SERVICE_CODE\` empty, so \`medusa-config.ts\` leaves both out). The
plugin's route, subscriber and job files are still loaded by both (they are this app's own \`src\`), so the
difference is the modules, the bank client and their work, not the few route handlers. The checkouts: a cart of
5 requests, then a payment session with Alliance Pay (a create-order at the sandbox bank) on "with", with
\`pp_system_default\` on "without".
Why a full GC before each sample: between collections a server's V8 heap holds 100–200 MB of garbage, so RSS
sampled as is shows where each collector happened to be (on this machine the sign of the difference flipped between
runs). A full GC removes that garbage, not all the noise: V8 gives freed pages back to the system at its own pace,
so the RSS of two instances of the same app can still differ by tens of MB; the V8 heap in use after the GC is the
steady figure for what the plugin keeps. Both instances start with the same \`--expose-gc\` and a preload
(\`bench/lib/gc-on-signal.cjs\`) that collects on SIGUSR2 and reports its heap; each GC sample is RSS one second
after a full GC in that instance. The "as sampled" rows are taken first, 3 samples 2 s apart, as in earlier runs.`
  writeSection("topology-memory", md)
  console.log(md)
}
