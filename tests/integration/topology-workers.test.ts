import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { query } from "../../scripts/demo/postgres"
import { BANK, merchantOrders, paymentsOf, payOnHostedPage, sandboxControl, waitFor } from "../support/medusa/alliance"
import { demoStore, Topology, type Instance } from "../support/medusa/topology"
import { cartAtTheBank, instanceBehind, timedBankCalls, type TimedBankCall } from "../support/medusa/topology-extras"

/** The demo store's cart: one item of 1250.50 UAH + 99.99 shipping. */
const CART_TOTAL = 1350.49
/** Both jobs every 20 s (six-field cron: with seconds), the renewal 10 s after the reconciler. */
const TICK_MS = 20_000
const RENEWAL_OFFSET_MS = 10_000
const PAID_ORDERS = 6

/** Which schedule tick a bank call belongs to: ticks are 20 s apart, a run's calls follow its tick within seconds. */
const tickOf = (call: TimedBankCall, offsetMs = 0) => Math.floor((Date.parse(call.at) - offsetMs) / TICK_MS)

function countBy<T>(items: T[], key: (item: T) => string | number): Map<string | number, number> {
  const counts = new Map<string | number, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

const occurrences = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern, "g")) ?? []).length

/**
 * Issue 12, the topology with TWO worker-mode instances (and one server), each a `medusa start`
 * process on Medusa's Redis modules: the scheduled jobs run once per schedule tick however many
 * workers there are, and a worker killed in the middle of a reconciler run loses nothing. Proven from
 * the sandbox bank's call log, Medusa's Admin API and the plugin's table, not from timing: the jobs
 * are scheduled every 20 s through the plugin's environment variables so that the suite sees many ticks.
 */
describe("Alliance Pay on the production topology with two workers (1 server, 2 workers, Redis)", () => {
  const topology = new Topology()
  let server: Instance
  let workers: Instance[]

  beforeAll(async () => {
    await topology.prepare({
      // the bank's own callbacks go nowhere: only the reconciler learns of payments
      ALLIANCEPAY_BACKEND_URL: "http://127.0.0.1:9",
      ALLIANCEPAY_RECONCILE_SCHEDULE: "*/20 * * * * *",
      ALLIANCEPAY_RENEW_SESSION_SCHEDULE: "10,30,50 * * * * *",
      // every renewal run authorizes (the sandbox's session lasts 24 h): one bank call per run
      ALLIANCEPAY_RENEW_SESSION_WITHIN_MS: String(24 * 3_600_000),
      // an open bank order is due again at once: every reconciler run reads each one
      ALLIANCEPAY_RECHECK_AFTER_MS: "0",
      ALLIANCEPAY_RECONCILE_LEASE_MS: "15000",
      ALLIANCEPAY_RECONCILE_PAGE_SIZE: "2",
      ALLIANCEPAY_RECONCILE_CONCURRENCY: "2",
    })
    const started = await topology.start(["server", "worker", "worker"])
    server = started[0]
    workers = started.slice(1)
    await topology.login(server)
  }, 600_000)
  afterAll(() => topology.stop(), 60_000)

  it(
    "the session renewal runs in a worker, once per schedule tick: one authorization per tick at the bank",
    async () => {
      const authorizations = await waitFor(
        "five renewal ticks",
        async () => {
          // answered ones: a renewal may be in flight as the log is read
          const calls = (await timedBankCalls(topology, BANK.authorize)).filter((c) => c.httpStatus !== null)
          return calls.length >= 5 ? calls : undefined
        },
        240_000
      )
      // nothing else talks to the bank yet: every authorization is a renewal run, and no tick has two
      expect(authorizations.every((c) => c.httpStatus === 200)).toBe(true)
      const perTick = countBy(authorizations, (c) => tickOf(c, RENEWAL_OFFSET_MS))
      expect([...perTick.values()].every((n) => n === 1), JSON.stringify([...perTick])).toBe(true)
      // the runs' own log lines: in the workers only, as many as the bank saw authorizations
      const renewed = workers.reduce((n, w) => n + occurrences(w.log(), /Alliance Pay session: renewed/), 0)
      expect(renewed).toBeGreaterThanOrEqual(authorizations.length - 1) // a run answered but not yet logged
      expect(renewed).toBeLessThanOrEqual(authorizations.length + 1) // a run answered just after the snapshot
      expect(server.log()).not.toMatch(/Alliance Pay session: (renewed|still valid)/)
    },
    300_000
  )

  it(
    "the reconciler runs in a worker, once per schedule tick: each open bank order read once per tick",
    async () => {
      const store = await demoStore(server.client)
      const open = [await cartAtTheBank(server, store), await cartAtTheBank(server, store)]
      const readsOf = (calls: TimedBankCall[], hpp: string) => calls.filter((c) => c.body?.hppOrderId === hpp && c.httpStatus === 200)
      const reads = await waitFor(
        "four reconciler ticks reading both open orders",
        async () => {
          const calls = await timedBankCalls(topology, BANK.orderOperations)
          return open.every((cart) => readsOf(calls, cart.hpp).length >= 4) ? calls : undefined
        },
        240_000
      )
      for (const cart of open) {
        const perTick = countBy(readsOf(reads, cart.hpp), (c) => tickOf(c))
        expect([...perTick.values()].every((n) => n === 1), `${cart.hpp}: ${JSON.stringify([...perTick])}`).toBe(true)
      }
      // every tick since both existed read both (one run took all that was due), the last one perhaps still running
      const ticksOf = (hpp: string) => [...new Set(readsOf(reads, hpp).map((c) => tickOf(c)))]
      const [first, second] = open.map((cart) => ticksOf(cart.hpp))
      const since = Math.max(Math.min(...first), Math.min(...second))
      const lastTick = Math.max(...first, ...second)
      const both = (ticks: number[]) => ticks.filter((t) => t >= since && t < lastTick).sort()
      expect(both(first).length).toBeGreaterThanOrEqual(2)
      expect(both(first)).toEqual(both(second))
      // the servers run no scheduled job: only the workers log reconciler runs
      expect(workers.some((w) => /Alliance Pay reconcile: \d+ checked/.test(w.log()))).toBe(true)
      expect(server.log()).not.toMatch(/Alliance Pay reconcile/)
    },
    300_000
  )

  it(
    "a worker killed with SIGKILL in the middle of a reconciler run: a later run finishes the work, nothing half-written or lost",
    async () => {
      const store = await demoStore(server.client)
      // a slow bank: every read waits 4 s, so that a reconciler run (2 orders a page) lasts long enough to be cut
      await sandboxControl(topology.sandbox, "/faults", { kind: "delay", path: BANK.orderOperations, delayMs: 4_000, count: 100_000 })
      const carts = []
      for (let i = 0; i < PAID_ORDERS; i++) carts.push(await cartAtTheBank(server, store))
      for (const cart of carts) await payOnHostedPage(cart.redirectUrl)
      const paid = new Set(carts.map((c) => c.hpp))
      await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")

      // wait for a run that has already read a paid order and is waiting for the bank on another one
      const { victim, call } = await waitFor(
        "a reconciler run in the middle of its work",
        async () => {
          const calls = await timedBankCalls(topology, BANK.orderOperations)
          if (!calls.some((c) => paid.has(c.body?.hppOrderId as string) && c.httpStatus === 200)) return undefined
          for (const inFlight of calls.filter((c) => c.httpStatus === null && paid.has(c.body?.hppOrderId as string))) {
            const owner = instanceBehind(topology, inFlight)
            if (owner?.mode === "worker") return { victim: owner, call: inFlight }
          }
          return undefined
        },
        240_000
      )
      topology.signal(victim, "SIGKILL")
      const survivor = workers.find((w) => w !== victim)!
      await sandboxControl(topology.sandbox, "/faults", undefined, "DELETE")

      // the kill cut work short: the order it was reading was not yet captured, and not all were
      const atKill = await merchantOrders(server.client)
      expect(atKill.length).toBeLessThan(PAID_ORDERS)
      expect(atKill.map((o) => paymentsOf(o)[0]?.data?.hpp_order_id)).not.toContain(call.body?.hppOrderId)

      // a later run (the surviving worker's, once the killed run's lease is over) finishes everything
      const orders = await waitFor(
        "every paid cart an order, captured",
        async () => {
          const list = (await merchantOrders(server.client)).filter((o) => paid.has(paymentsOf(o)[0]?.data?.hpp_order_id))
          return list.length === PAID_ORDERS && list.every((o) => o.payment_status === "captured" && o.transactions?.length) ? list : undefined
        },
        240_000
      )
      expect(() => process.kill(victim.pid, 0)).toThrow()
      expect(survivor.log()).toMatch(/Alliance Pay reconcile: \d+ checked/)

      // nothing lost, nothing twice: one order per paid cart, one payment, one capture of the exact total
      expect(orders.map((o) => paymentsOf(o)[0].data.hpp_order_id).sort()).toEqual([...paid].sort())
      for (const order of orders) {
        expect(order).toMatchObject({ total: CART_TOTAL, currency_code: "uah", payment_status: "captured" })
        expect(paymentsOf(order)).toHaveLength(1)
        expect(paymentsOf(order)[0].captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
        expect(order.transactions.map((t: { amount: number }) => t.amount)).toEqual([CART_TOTAL])
      }
      // nothing half-written: every cart completed, no payment left authorized but not captured, and every
      // bank order recorded as captured, settled (no longer due) and with nothing for a human to look at
      const cartIds = carts.map((c) => c.cartId)
      const incomplete = await query(topology.databaseUrl, "select id from cart where id = any($1) and completed_at is null", [cartIds])
      expect(incomplete).toEqual([])
      const uncaptured = await query(topology.databaseUrl, "select id from payment where captured_at is null and deleted_at is null and canceled_at is null")
      expect(uncaptured).toEqual([])
      // (a bank order the killed run had captured but not yet marked settled is settled by the first run after its lease)
      const bankOrders = () =>
        query<{ hpp_order_id: string; state: string; next_check_at: Date | null; attention: string | null }>(
          topology.databaseUrl,
          "select hpp_order_id, state, next_check_at, attention from alliancepay_bank_order where hpp_order_id = any($1) and deleted_at is null",
          [[...paid]]
        )
      const records = await waitFor(
        "every bank order settled",
        async () => {
          const rows = await bankOrders()
          return rows.every((r) => r.next_check_at === null) ? rows : undefined
        },
        120_000
      ).catch(bankOrders)
      expect(records).toHaveLength(PAID_ORDERS)
      for (const record of records) expect(record, record.hpp_order_id).toMatchObject({ state: "captured", next_check_at: null, attention: null })
      // the bank was asked for no new payment, and nothing was refunded
      const calls = await timedBankCalls(topology)
      expect(calls.filter((c) => c.path === BANK.createOrder || c.path === BANK.refund)).toEqual([])
    },
    600_000
  )
})
