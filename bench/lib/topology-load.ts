import { execFileSync } from "node:child_process"
import { ALLIANCE_PROVIDER, postCallback } from "../../tests/support/medusa/alliance"
import type { Instance } from "../../tests/support/medusa/topology"
import { startPayment, UA_ADDRESS } from "../../tests/support/medusa/shopper"

export const SYSTEM_PROVIDER = "pp_system_default"

export interface Store {
  regionId: string
  variantIds: string[]
}

/** The demo store as a shopper sees it; stock is switched off so that hundreds of orders fit in one run. */
export async function benchStore(admin: Instance): Promise<Store> {
  const client = admin.client
  const { regions } = await client.store.get("/store/regions")
  const region = regions.find((r: { currency_code: string }) => r.currency_code === "uah")
  const { products } = await client.store.get("/store/products", { params: { region_id: region.id, fields: "id,*variants" } })
  const product = products[0]
  for (const variant of product.variants) {
    await client.admin.post(`/admin/products/${product.id}/variants/${variant.id}`, { manage_inventory: false })
  }
  return { regionId: region.id, variantIds: product.variants.map((v: { id: string }) => v.id) }
}

export interface ShopperResult {
  /** the shopper's number in the run */
  shopper: number
  provider: string
  server: string
  cartId: string
  /** the payment-session request alone */
  sessionMs: number
  redirectUrl?: string
  hpp?: string
  error?: string
}

export interface ReadyCart {
  server: Instance
  cartId: string
  collectionId: string
  error?: string
}

/**
 * A shopper's cart ready for payment through the Store API on one server (5 requests), with its payment collection.
 * E-mails differ per server: two processes creating the same guest customer at once race in Medusa.
 */
export async function cartForPayment(server: Instance, store: Store, i: number): Promise<ReadyCart> {
  const client = server.client
  const ready: ReadyCart = { server, cartId: "", collectionId: "" }
  try {
    const { cart } = await client.store.post("/store/carts", { region_id: store.regionId })
    ready.cartId = cart.id
    await client.store.post(`/store/carts/${cart.id}/line-items`, { variant_id: store.variantIds[i % store.variantIds.length], quantity: 1 })
    await client.store.post(`/store/carts/${cart.id}`, { email: `shopper${i}-${new URL(server.url).port}@bench.test`, shipping_address: UA_ADDRESS, billing_address: UA_ADDRESS })
    const { shipping_options } = await client.store.get("/store/shipping-options", { params: { cart_id: cart.id } })
    await client.store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
    const { payment_collection } = await client.store.post(`/store/payment-collections`, { cart_id: cart.id })
    ready.collectionId = payment_collection.id
  } catch (e) {
    ready.error = (e as Error).message
  }
  return ready
}

/** The payment-session request alone, timed; for Alliance Pay, the bank's page it leads to. */
export async function paymentSession(ready: ReadyCart, provider: string, i: number): Promise<ShopperResult> {
  const result: ShopperResult = { shopper: i, provider, server: ready.server.name, cartId: ready.cartId, sessionMs: NaN, error: ready.error }
  if (ready.error) return result
  try {
    const started = performance.now()
    const { payment_collection: withSession } = await ready.server.client.store.post(`/store/payment-collections/${ready.collectionId}/payment-sessions`, {
      provider_id: provider,
      data: { cart_id: ready.cartId },
    })
    result.sessionMs = performance.now() - started
    if (provider === ALLIANCE_PROVIDER) {
      result.redirectUrl = withSession.payment_sessions[0].data.redirect_url
      result.hpp = new URL(result.redirectUrl!).searchParams.get("hpp_id") ?? undefined
    }
  } catch (e) {
    result.error = (e as Error).message
  }
  return result
}

/** A `pp_system_default` shopper completes the cart: an order. */
export async function completeCart(server: Instance, result: ShopperResult): Promise<ShopperResult> {
  if (result.error) return result
  try {
    const completed = await server.client.store.post(`/store/carts/${result.cartId}/complete`)
    if (completed.type !== "order") throw new Error(`the cart was not completed: ${JSON.stringify(completed).slice(0, 200)}`)
  } catch (e) {
    result.error = (e as Error).message
  }
  return result
}

/** One shopper through the Store API on one server: a cart ready for payment, the timed payment session, and for `pp_system_default` the order. */
export async function shopper(server: Instance, store: Store, provider: string, i: number, { complete = true } = {}): Promise<ShopperResult> {
  const result = await paymentSession(await cartForPayment(server, store, i), provider, i)
  return provider !== ALLIANCE_PROVIDER && complete ? completeCart(server, result) : result
}

/** A cart at the bank through one server (Alliance Pay session made), unpaid. */
export async function allianceCart(server: Instance, store: Store, i: number) {
  const client = server.client
  const { cart } = await client.store.post("/store/carts", { region_id: store.regionId })
  await client.store.post(`/store/carts/${cart.id}/line-items`, { variant_id: store.variantIds[i % store.variantIds.length], quantity: 1 })
  await client.store.post(`/store/carts/${cart.id}`, { email: `bank${i}@bench.test`, shipping_address: UA_ADDRESS, billing_address: UA_ADDRESS })
  const { shipping_options } = await client.store.get("/store/shipping-options", { params: { cart_id: cart.id } })
  await client.store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
  const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
  const redirectUrl = collection.payment_sessions[0].data.redirect_url as string
  return { cartId: cart.id as string, redirectUrl, hpp: new URL(redirectUrl).searchParams.get("hpp_id")! }
}

/** The shopper back from the bank, as the demo's return page does it: the status route, then completing the cart. */
export async function shopperReturns(server: Instance, cartId: string) {
  await server.client.store.get(`/store/alliance-pay/carts/${cartId}/payment-status`)
  return server.client.store.post(`/store/carts/${cartId}/complete`)
}

export function successRumour(hpp: string, kopecks: number) {
  return { hppOrderId: hpp, orderStatus: "SUCCESS", coinAmount: kopecks }
}

/**
 * Sends callbacks at `ratePerSecond` for `durationMs`, at most `inFlight` at once, alternately to the
 * servers; `pick(i)` names the bank order of the i-th callback. Returns when each was sent and answered.
 */
export async function callbackFlood(
  servers: Instance[],
  options: { ratePerSecond: number; durationMs: number; inFlight: number; pick: (i: number, elapsedMs: number) => { hpp: string; kopecks: number } | undefined }
) {
  const sent: { hpp: string; at: number; status: number; ms: number }[] = []
  const started = Date.now()
  let active = 0
  let i = 0
  const pending = new Set<Promise<void>>()
  while (Date.now() - started < options.durationMs) {
    const due = Math.floor(((Date.now() - started) / 1000) * options.ratePerSecond)
    while (i < due && active < options.inFlight) {
      const target = options.pick(i, Date.now() - started)
      const server = servers[i++ % servers.length]
      if (!target) continue
      active++
      const at = Date.now()
      const p: Promise<void> = postCallback(server.url, successRumour(target.hpp, target.kopecks))
        .catch(() => 0)
        .then((status) => {
          sent.push({ hpp: target.hpp, at, status, ms: Date.now() - at })
        })
        .finally(() => {
          active--
          pending.delete(p)
        })
      pending.add(p)
    }
    await new Promise((r) => setTimeout(r, 2))
  }
  await Promise.all(pending)
  return { sent, wallMs: Date.now() - started }
}

/** The resident memory of a whole instance: every process of its process group, in MB. */
export function rssMb(instance: Instance): number {
  const rows = execFileSync("ps", ["-eo", "pgid=,rss="], { encoding: "utf8" }).trim().split("\n")
  let kb = 0
  for (const row of rows) {
    const [pgid, rss] = row.trim().split(/\s+/).map(Number)
    if (pgid === instance.pid) kb += rss
  }
  return kb / 1024
}

export const count = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern, "g")) ?? []).length
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
