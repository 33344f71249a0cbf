import { query } from "../../scripts/demo/postgres"
import { BANK, payOnHostedPage, postCallback, sandboxControl, waitFor } from "../../tests/support/medusa/alliance"
import { eventsInQueue, type Instance, type Topology } from "../../tests/support/medusa/topology"
import { timedBankCalls } from "../../tests/support/medusa/topology-extras"
import { writeSection } from "./report"
import { allianceCart, shopperReturns, sleep, successRumour, type Store } from "./topology-load"

const KOPECKS = 135_049

interface Scenario {
  name: string
  how: string
  run: (cart: { cartId: string; hpp: string }, io: Io) => Promise<void>
}

interface Io {
  callbacks: (n: number) => Promise<void>
  returns: () => Promise<void>
  captured: () => Promise<void>
}

const SCENARIOS: Scenario[] = [
  {
    name: "happy path",
    how: "the bank's callback, then the shopper returns (status route + cart completion)",
    run: async (_, io) => {
      await io.callbacks(1)
      await io.captured()
      await io.returns()
    },
  },
  {
    name: "10 duplicate callbacks",
    how: "10 callbacks at once, alternately to both servers; then the shopper returns",
    run: async (_, io) => {
      await io.callbacks(10)
      await io.captured()
      await io.returns()
    },
  },
  {
    name: "shopper returns first",
    how: "the shopper returns and completes the cart; the callback comes after",
    run: async (_, io) => {
      await io.returns()
      await io.captured()
      await io.callbacks(1)
    },
  },
  {
    name: "slow bank",
    how: "every bank read takes 3 s; the shopper returns while 3 callbacks arrive",
    run: async (_, io) => {
      await Promise.all([io.returns(), io.callbacks(3)])
      await io.captured()
    },
  },
]

/** Bank calls per payment for four ways a payment goes, counted in the sandbox's call log; target 2 each. */
export async function benchBankCalls(topology: Topology, servers: Instance[], store: Store) {
  const rows: string[] = []
  const results: number[] = []
  for (const [n, scenario] of SCENARIOS.entries()) {
    await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")
    const cart = await allianceCart(servers[0], store, 10_000 + n)
    await payOnHostedPage(cart.redirectUrl)
    if (scenario.name === "slow bank") {
      await sandboxControl(topology.sandbox, "/faults", { kind: "delay", path: BANK.orderOperations, delayMs: 3_000, count: 1_000 })
    }
    const io: Io = {
      callbacks: async (k) => {
        await Promise.all(Array.from({ length: k }, (_, i) => postCallback(servers[i % 2].url, successRumour(cart.hpp, KOPECKS))))
      },
      returns: async () => {
        const completed = await shopperReturns(servers[n % 2], cart.cartId)
        if (completed.type !== "order") throw new Error(`${scenario.name}: the cart was not completed`)
      },
      captured: () =>
        waitFor(
          `${scenario.name}: payment captured`,
          async () => {
            const rows = await query<{ captured_at: Date | null }>(topology.databaseUrl, "select captured_at from payment where data->>'hpp_order_id' = $1 and deleted_at is null", [cart.hpp])
            return rows.some((r) => r.captured_at) || undefined
          },
          120_000
        ).then(() => undefined),
    }
    await scenario.run(cart, io)
    // every callback's event has been handled: Medusa's queue is empty (a callback that joined its order's waiting
    // event has none of its own)
    await waitFor(`${scenario.name}: callbacks handled`, async () => eventsInQueue(topology.redisUrl) === 0 || undefined, 120_000)
    await sleep(2_000)
    await sandboxControl(topology.sandbox, "/faults", undefined, "DELETE")
    const calls = await timedBankCalls(topology)
    // the log was cleared before this cart: every create-order in it is this payment's; reads are this bank order's
    const creates = calls.filter((c) => c.path === BANK.createOrder)
    const reads = calls.filter((c) => c.path === BANK.orderOperations && c.body?.hppOrderId === cart.hpp)
    const total = creates.length + reads.length
    results.push(total)
    rows.push(`| ${scenario.name} | ${scenario.how} | ${creates.length} | ${reads.length} | **${total}** | ${total <= 2 ? "met" : "NOT met"} |`)
  }
  const md = `## Bank calls per payment (topology, from the sandbox's call log)

| case | what happens | create-order | reads (\`operations\`) | total | target 2 |
|---|---|---|---|---|---|
${rows.join("\n")}

Each case is one payment on the topology (2 servers, 1 worker): the cart and its payment session on a server, the
card on the bank's page, then the case's callbacks (sent to both servers, handled by the worker after Medusa's
webhook delay; one that comes while an event of its order waits joins it) and the shopper's return as the demo's return page makes it (\`GET /store/alliance-pay/carts/:id/payment-status\`,
then \`POST /store/carts/:id/complete\`). Counted once every callback is handled and the payment captured; the device
session's authorization is not a per-payment call and is left out. Target: **${results.every((t) => t <= 2) ? "met" : "NOT met"}** in every case.`
  writeSection("topology-bank-calls", md)
  console.log(md)
}
