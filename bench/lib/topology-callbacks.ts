import { cpus, loadavg } from "node:os"
import { query } from "../../scripts/demo/postgres"
import { BANK, sandboxControl, waitFor } from "../../tests/support/medusa/alliance"
import type { Instance, Topology } from "../../tests/support/medusa/topology"
import { timedBankCalls } from "../../tests/support/medusa/topology-extras"
import { eventsInQueue } from "../../tests/support/medusa/topology"
import { writeSection } from "./report"
import { fmt, summarise } from "./stats"
import { callbackFlood, count } from "./topology-load"

const DURATION_MS = 60_000
/** offered above the target, so that the rate the topology accepts, not the runner's pace, is what is measured */
const RATE = Number(process.env.BENCH_CALLBACK_RATE ?? 220)
const TARGET_RATE = 200
/**
 * The worker kept up if the queue is empty this long after the last callback: Medusa's webhook delay (which every
 * event waits out, however idle the worker) plus a little; a worker falling behind would leave a growing backlog.
 */
const KEPT_UP_SLACK_MS = 10_000
const IN_FLIGHT = 64
/** how long the worker may take to work off the queue before the figures are taken as they are */
const DRAIN_LIMIT_MS = 480_000
const WEBHOOK = /Processing payment\.webhook_received/
/** Medusa 2.21's webhook route delays each event by `options.webhook_delay || 5000`, an option it never sees set */
const MEDUSA_WEBHOOK_DELAY_MS = 5_000

/**
 * Verified callbacks ("SUCCESS" rumours) for the open orders, sent for 60 s at the target rate alternately to both
 * servers: each order's first callback comes at its turn during the run (the orders open one after another), then
 * the order keeps getting duplicates round-robin with the others. The worker verifies each with the bank (at most
 * one read per window) and Medusa captures the payment once.
 */
export async function benchCallbacks(topology: Topology, servers: Instance[], worker: Instance, open: { hpp: string; kopecks: number }[]) {
  const load = loadavg()[0].toFixed(1)
  const handledBefore = count(worker.log(), WEBHOOK)
  await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")
  let opened = 0
  let turn = 0
  const started = Date.now()
  const flood = await callbackFlood(servers, {
    ratePerSecond: RATE,
    durationMs: DURATION_MS,
    inFlight: IN_FLIGHT,
    pick: (_, elapsed) => {
      const due = Math.min(open.length, 1 + Math.floor((elapsed / (DURATION_MS * 0.8)) * open.length))
      if (opened < due) return open[opened++]
      return open[turn++ % opened]
    },
  })
  const accepted = flood.sent.filter((s) => s.status === 200)
  const firstAt = new Map<string, number>()
  for (const s of flood.sent) if (!firstAt.has(s.hpp) || s.at < firstAt.get(s.hpp)!) firstAt.set(s.hpp, s.at)

  const hpps = open.map((o) => o.hpp)
  let drainedAt = Date.now()
  let handled = 0
  try {
    // done when every open order is captured and nothing is left in Medusa's event queue (a callback that
    // joined an event already waiting has no event of its own: the worker handles fewer events than callbacks)
    await waitFor(
      "every order captured and Medusa's event queue empty",
      async () => {
        handled = count(worker.log(), WEBHOOK) - handledBefore
        if (eventsInQueue(topology.redisUrl) > 0) return undefined
        const [{ n }] = await query<{ n: string }>(
          topology.databaseUrl,
          `select count(distinct p.data->>'hpp_order_id') as n from payment p where p.data->>'hpp_order_id' = any($1) and p.captured_at is not null and p.deleted_at is null`,
          [hpps]
        )
        return Number(n) === open.length || undefined
      },
      DRAIN_LIMIT_MS
    )
    drainedAt = Date.now()
  } catch {
    drainedAt = NaN
  }
  const rows = await query<{ hpp: string; payments: string; captures: string; orders: string; captured_at: Date | null }>(
    topology.databaseUrl,
    `select p.data->>'hpp_order_id' as hpp, count(distinct p.id) as payments, count(distinct c.id) as captures,
            count(distinct opc.order_id) as orders, min(p.captured_at) as captured_at
       from payment p
       left join capture c on c.payment_id = p.id and c.deleted_at is null
       left join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id and opc.deleted_at is null
      where p.data->>'hpp_order_id' = any($1) and p.deleted_at is null
      group by 1`,
    [hpps]
  )
  const captured = rows.filter((r) => r.captured_at)
  const lost = open.length - captured.length
  const duplicates = rows.filter((r) => Number(r.payments) > 1 || Number(r.captures) > 1 || Number(r.orders) > 1).length
  const toCaptured = captured.filter((r) => firstAt.has(r.hpp)).map((r) => new Date(r.captured_at!).getTime() - firstAt.get(r.hpp)!)
  const t = summarise(toCaptured)
  const answer = summarise(accepted.map((s) => s.ms))
  const reads = (await timedBankCalls(topology, BANK.orderOperations)).filter((c) => hpps.includes(c.body?.hppOrderId as string))
  const readsPer = new Map<string, number>()
  for (const r of reads) readsPer.set(r.body!.hppOrderId as string, (readsPer.get(r.body!.hppOrderId as string) ?? 0) + 1)
  const acceptedRate = accepted.length / (flood.wallMs / 1000)
  const floodEnd = started + flood.wallMs
  const drainMs = drainedAt - floodEnd
  const keptUp = Number.isFinite(drainedAt) && drainMs <= MEDUSA_WEBHOOK_DELAY_MS + KEPT_UP_SLACK_MS && lost === 0
  const handledRate = Number.isFinite(drainedAt) ? accepted.length / ((drainedAt - started) / 1000) : NaN
  // kept up: the accepted rate is sustained; else only what was worked off, first callback to empty queue
  const sustained = keptUp ? acceptedRate : handledRate

  const md = `## Verified callbacks on the topology, sustained for 60 s

| figure | value |
|---|---|
| open orders (paid at the bank, waiting for their callback) | ${open.length} |
| callbacks sent / answered 200 by the two servers | ${flood.sent.length} / ${accepted.length} in ${(flood.wallMs / 1000).toFixed(1)} s (**${acceptedRate.toFixed(0)}/s** accepted; offered ${RATE}/s) |
| server's answer to a callback, p50 / p99 | ${fmt(answer.p50)} / ${fmt(answer.p99)} |
| Medusa's \`payment.webhook_received\` events the worker handled | ${handled} for ${accepted.length} callbacks (the others joined an event of their order still waiting in the queue) |
| every order captured, Medusa's event queue empty | ${Number.isFinite(drainedAt) ? `${(drainMs / 1000).toFixed(1)} s after the last callback was sent (the worker ${keptUp ? "kept up" : "fell behind"}: at most ${(MEDUSA_WEBHOOK_DELAY_MS + KEPT_UP_SLACK_MS) / 1000} s, Medusa's webhook delay + ${KEPT_UP_SLACK_MS / 1000} s); first callback to empty queue: ${handledRate.toFixed(0)} callbacks/s` : `NOT within ${DRAIN_LIMIT_MS / 60_000} min after the last was sent`} |
| arrival (an order's first callback) → payment captured, p50 / p99 | **${fmt(t.p50)} / ${fmt(t.p99)}** (n = ${t.n}) |
| of which Medusa's webhook delay (each event waits this before the worker takes it) | ${MEDUSA_WEBHOOK_DELAY_MS} ms: p50 / p99 without it ${fmt(t.p50 - MEDUSA_WEBHOOK_DELAY_MS)} / ${fmt(t.p99 - MEDUSA_WEBHOOK_DELAY_MS)} |
| lost (an order not captured when measured${Number.isFinite(handledRate) ? "" : "; its callbacks may still be queued"}) | **${lost}** |
| duplicate effects (a second payment, capture or order for one bank order) | **${duplicates}** |
| bank reads for these orders | ${reads.length} for ${open.length} orders (at most ${Math.max(0, ...readsPer.values())} for one) |

Sustained rate ${Number.isFinite(sustained) ? `**${sustained.toFixed(0)}/s**` : "n/a"} (${keptUp ? "accepted, with the worker keeping up and nothing lost" : "worked off end to end: the worker did not keep up or an order was lost"}); target ≥ ${TARGET_RATE} callbacks/s: **${sustained >= TARGET_RATE ? "met" : "NOT met"}**.
The runner sends at most ${IN_FLIGHT} callbacks at once at ${RATE}/s, alternately to the two servers; every order's
first callback comes at its turn within the first 48 s, after which it gets duplicates round-robin with the
others (the bank repeats itself). Medusa's webhook route queues a callback in Redis with a ${MEDUSA_WEBHOOK_DELAY_MS / 1000} s
delay (Medusa 2.21 reads \`webhook_delay\` from a property its payment module never sets, so the option in
\`medusa-config.ts\` does not shorten it), unless an event of the same bank order still waits there: then the server
answers 200 and queues nothing (\`src/api/callback-queue.ts\`; that event reads the bank after the callback came). The one
worker handles the events, ${topology.env.MEDUSA_EVENT_CONCURRENCY ?? 1} at a time (\`MEDUSA_EVENT_CONCURRENCY\`); an event for an order Medusa already has
captured starts no workflow (\`src/providers/alliance-pay/medusa-carries.ts\`). Everything (2 servers, 1 worker, Redis,
PostgreSQL, the sandbox and the runner) shares one loaded ${cpus().length}-core machine (1-minute load average ${load} at the start).`
  writeSection("topology-callbacks", md)
  console.log(md)
}
