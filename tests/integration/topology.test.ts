import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ALLIANCE_PROVIDER,
  BANK,
  bankCalls,
  hppIdOf,
  merchantOrders,
  paymentsOf,
  payOnHostedPage,
  postCallback,
  sandboxControl,
  sleep,
  waitFor,
} from "../support/medusa/alliance"
import { startPayment, UA_ADDRESS } from "../support/medusa/shopper"
import { demoStore, Topology, type Instance } from "../support/medusa/topology"

/** Medusa's webhook events an instance has handled so far (one log line each). */
const webhookEvents = (instance: Instance) => (instance.log().match(/Processing payment\.webhook_received/g) ?? []).length

/** The demo store's cart: one item of 1250.50 UAH + 99.99 shipping. */
const CART_TOTAL = 1350.49
const ORDERS = 6

/**
 * Issue 12, the production topology: two server-mode and one worker-mode instance of this repo's app
 * (separate `medusa start` processes) on Medusa's Redis modules, one Postgres database and the
 * sandbox bank. Proven through the Store and Admin APIs, the instances' logs and the bank's call log.
 */
describe("Alliance Pay on the production topology (2 servers, 1 worker, Redis)", () => {
  const topology = new Topology()
  let serverA: Instance
  let serverB: Instance
  let worker: Instance

  beforeAll(async () => {
    // the bank's own callbacks go nowhere: the test delivers them, alternately to both servers
    await topology.prepare({ ALLIANCEPAY_BACKEND_URL: "http://127.0.0.1:9" })
    ;[serverA, serverB, worker] = await topology.start(["server", "server", "worker"])
    await topology.login(serverA)
  }, 600_000)
  afterAll(() => topology.stop(), 60_000)

  /** A cart at the bank through one server, as a storefront would make it. */
  async function cartAtTheBank(server: Instance, store: { regionId: string; variantId: string }) {
    const client = server.client
    const { cart } = await client.store.post("/store/carts", { region_id: store.regionId })
    await client.store.post(`/store/carts/${cart.id}/line-items`, { variant_id: store.variantId, quantity: 1 })
    await client.store.post(`/store/carts/${cart.id}`, { email: "shopper@topology.test", shipping_address: UA_ADDRESS, billing_address: UA_ADDRESS })
    const { shipping_options } = await client.store.get("/store/shipping-options", { params: { cart_id: cart.id } })
    await client.store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
    const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
    const redirectUrl = collection.payment_sessions[0].data.redirect_url as string
    return { cartId: cart.id as string, redirectUrl, hpp: hppIdOf(redirectUrl) }
  }

  it(
    "callbacks for many orders sent alternately to both servers: each order captured exactly once, by the worker",
    async () => {
      const store = await demoStore(serverA.client)
      const carts: Awaited<ReturnType<typeof cartAtTheBank>>[] = []
      for (let i = 0; i < ORDERS; i++) carts.push(await cartAtTheBank(i % 2 ? serverB : serverA, store))
      for (const cart of carts) await payOnHostedPage(cart.redirectUrl)

      // the worker is paused: the servers take the callbacks, and they alone capture nothing
      topology.signal(worker, "SIGSTOP")
      try {
        let n = 0
        for (const cart of carts) {
          const rumour = { hppOrderId: cart.hpp, orderStatus: "SUCCESS", coinAmount: Math.round(CART_TOTAL * 100) }
          // each bank order's callback, twice, once to each server (the bank repeats itself)
          for (const server of n++ % 2 ? [serverA, serverB] : [serverB, serverA]) {
            expect(await postCallback(server.url, rumour)).toBe(200)
          }
        }
        await sleep(5_000)
        expect(await merchantOrders(serverA.client)).toEqual([])
        expect(await bankCalls(topology.sandbox, BANK.orderOperations)).toEqual([])
      } finally {
        topology.signal(worker, "SIGCONT")
      }

      const orders = await waitFor(
        "every order captured",
        async () => {
          const list = await merchantOrders(serverB.client)
          return list.length === ORDERS && list.every((o) => o.payment_status === "captured" && o.transactions?.length) ? list : undefined
        },
        120_000
      )
      // each exactly once: one order per cart, one payment, one capture of the exact total
      const byHpp = new Map(orders.map((o) => [paymentsOf(o)[0]?.data?.hpp_order_id, o]))
      expect([...byHpp.keys()].sort()).toEqual(carts.map((c) => c.hpp).sort())
      for (const order of orders) {
        expect(order).toMatchObject({ total: CART_TOTAL, currency_code: "uah", payment_status: "captured" })
        const payments = paymentsOf(order)
        expect(payments).toHaveLength(1)
        expect(payments[0].captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
        expect(order.transactions.map((t: { amount: number }) => t.amount)).toEqual([CART_TOTAL])
      }
      // Medusa's webhook event was handled in the worker only, one per bank order: each order's second callback
      // came while its first still waited in the queue, so the server answered it without queueing another
      expect(webhookEvents(worker)).toBe(ORDERS)
      for (const server of [serverA, serverB]) expect(server.log()).not.toMatch(/Processing payment\.webhook_received/)
      // the bank: one device session for all three processes, one create-order per payment, and one read per
      // payment for its two callbacks (two when the reconciler, 30 s after an order was opened, read it first
      // while the paused worker held its callbacks)
      const calls = await bankCalls(topology.sandbox)
      expect(calls.filter((c) => c.path === BANK.authorize)).toHaveLength(1)
      expect(calls.filter((c) => c.path === BANK.createOrder)).toHaveLength(ORDERS)
      const reads = calls.filter((c) => c.path === BANK.orderOperations).map((c) => c.body?.hppOrderId as string)
      for (const cart of carts) {
        const count = reads.filter((hpp) => hpp === cart.hpp).length
        expect(count, cart.hpp).toBeGreaterThanOrEqual(1)
        expect(count, cart.hpp).toBeLessThanOrEqual(2)
      }
      expect(calls.every((c) => c.httpStatus === 200)).toBe(true)

      // the bank repeats one callback after all is done: it is queued anew (its order's event has run), and the
      // worker finds the order settled and in Medusa already: no bank read, nothing changes
      await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")
      expect(await postCallback(serverA.url, { hppOrderId: carts[0].hpp, orderStatus: "SUCCESS", coinAmount: Math.round(CART_TOTAL * 100) })).toBe(200)
      await waitFor("the repeated callback handled", async () => webhookEvents(worker) === ORDERS + 1 || undefined, 60_000)
      await sleep(2_000)
      expect(await bankCalls(topology.sandbox, BANK.orderOperations)).toEqual([])
      const repeated = (await merchantOrders(serverB.client)).find((o) => paymentsOf(o)[0]?.data?.hpp_order_id === carts[0].hpp)
      expect(paymentsOf(repeated)[0].captures).toHaveLength(1)
      expect(repeated.transactions).toHaveLength(1)
    },
    300_000
  )

  it(
    "the bank expires its session while both servers are busy: Check Payment Status pressed on both at once has one outcome, one authorization",
    async () => {
      const orders = await merchantOrders(serverA.client)
      const order = orders[0]
      const store = await demoStore(serverA.client)
      await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")
      await sandboxControl(topology.sandbox, "/session/expire", {})

      const check = (server: Instance) => server.client.admin.post(`/admin/alliance-pay/orders/${order.id}/check-status`)
      const [a, b, cartA, cartB] = await Promise.all([check(serverA), check(serverB), cartAtTheBank(serverA, store), cartAtTheBank(serverB, store)])
      for (const answer of [a, b]) expect(answer).toMatchObject({ state: "captured", actions: [] })
      expect(cartA.hpp).not.toBe(cartB.hpp)

      // one renewal for all three processes; every call that met the expired session went through after it
      const calls = await bankCalls(topology.sandbox)
      expect(calls.filter((c) => c.path === BANK.authorize)).toHaveLength(1)
      expect(calls.filter((c) => c.path === BANK.createOrder && c.httpStatus === 200)).toHaveLength(2)
      expect(calls.filter((c) => c.path === BANK.orderOperations && c.httpStatus === 200).length).toBeGreaterThanOrEqual(2)
      // the order is as it was: one payment, captured once
      const [after] = (await merchantOrders(serverB.client)).filter((o) => o.id === order.id)
      expect(paymentsOf(after)[0].captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
      expect(after.transactions).toHaveLength(1)
    },
    120_000
  )

  it(
    "the shopper completes the cart on one server while callbacks reach the other (verified by the worker): one bank read in all",
    async () => {
      const store = await demoStore(serverA.client)
      const cart = await cartAtTheBank(serverA, store)
      await payOnHostedPage(cart.redirectUrl)
      await sandboxControl(topology.sandbox, "/calls", undefined, "DELETE")
      const rumour = { hppOrderId: cart.hpp, orderStatus: "SUCCESS", coinAmount: Math.round(CART_TOTAL * 100) }
      const handledBefore = webhookEvents(worker)

      const [completed] = await Promise.all([
        serverA.client.store.post(`/store/carts/${cart.cartId}/complete`),
        ...[1, 2, 3].map(() => postCallback(serverB.url, rumour)),
      ])
      expect(completed.type).toBe("order")
      const order = await waitFor("the order captured", async () => {
        const found = (await merchantOrders(serverB.client)).find((o) => o.id === completed.order.id)
        return found?.payment_status === "captured" && found.transactions?.length ? found : undefined
      })
      expect(paymentsOf(order)).toHaveLength(1)
      expect(paymentsOf(order)[0].captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
      // the worker's callbacks and the server's completion share one read, whichever came first
      await waitFor("the callbacks handled", async () => webhookEvents(worker) > handledBefore, 60_000)
      await sleep(3_000)
      expect((await bankCalls(topology.sandbox, BANK.orderOperations)).map((c) => c.body?.hppOrderId)).toEqual([cart.hpp])
    },
    120_000
  )

  it(
    "the reconciler runs in the worker only",
    async () => {
      // the captured orders above are due for the reconciler's one check that Medusa carries them
      await waitFor("a reconciler run", async () => /Alliance Pay reconcile: \d+ checked/.test(worker.log()), 150_000)
      for (const server of [serverA, serverB]) expect(server.log()).not.toMatch(/Alliance Pay reconcile/)
      expect(worker.log()).toMatch(/Alliance Pay reconcile: \d+ checked, \d+ changed, 0 failed/)
    },
    200_000
  )
})
