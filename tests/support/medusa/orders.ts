import type { Sandbox } from "../../../src/sandbox"
import { cartReadyForPayment, startPayment, type MedusaApi, type SeededStore } from "."
import { A2A_PROVIDER, payInBankApp } from "./a2a"
import { ALLIANCE_PROVIDER, payOnHostedPage, sandboxControl } from "./alliance"

export { TEST_CARD } from "../../../src/core/bank/contract/test-cards"

export interface PlacedOrder {
  orderId: string
  displayId: number
  cartId: string
  hppOrderId: string
  paymentSessionId: string
}

/** A blank bank between tests (the runner restores the database, not the in-memory sandbox). */
export async function resetBank(sandbox: Sandbox) {
  await sandboxControl(sandbox, "/reset", {})
}

/** From now on the bank's callbacks never reach the shop: only Check Payment Status can bring news. */
export async function dropCallbacks(sandbox: Sandbox) {
  await sandboxControl(sandbox, "/callbacks", { mode: "drop", count: 100_000 })
}

export async function settleAtBank(sandbox: Sandbox, hppOrderId: string, status: "SUCCESS" | "FAIL") {
  await sandboxControl(sandbox, `/orders/${hppOrderId}/settle`, { status })
}

/**
 * A shopper pays with Alliance Pay on the bank's page with `card` for `quantity` units of the
 * seeded shirt, returns, and the cart completes into an order (paid, or awaiting payment for a slow bank).
 */
export async function placeAlliancePayOrder(client: MedusaApi, seed: SeededStore, card: string, { quantity = 1 } = {}): Promise<PlacedOrder> {
  const cart = await cartReadyForPayment(client, seed, { quantity })
  const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
  const session = collection.payment_sessions[0]
  await payOnHostedPage(session.data.redirect_url, card)
  const completed = await client.store.post(`/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") throw new Error(`the cart did not complete: ${JSON.stringify(completed)}`)
  return {
    orderId: completed.order.id,
    displayId: completed.order.display_id,
    cartId: cart.id,
    hppOrderId: session.data.hpp_order_id,
    paymentSessionId: session.id,
  }
}

/** A shopper pays `quantity` shirts by bank transfer (A2A) in the sandbox's bank app; the cart completes into a paid order. */
export async function placePayByBankOrder(client: MedusaApi, seed: SeededStore, { quantity = 1 } = {}): Promise<PlacedOrder> {
  const cart = await cartReadyForPayment(client, seed, { quantity })
  const collection = await startPayment(client, cart.id, A2A_PROVIDER, { cart_id: cart.id })
  const session = collection.payment_sessions[0]
  await payInBankApp(session.data.redirect_url, "pay")
  const completed = await client.store.post(`/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") throw new Error(`the cart did not complete: ${JSON.stringify(completed)}`)
  return { orderId: completed.order.id, displayId: completed.order.display_id, cartId: cart.id, hppOrderId: session.data.hpp_order_id, paymentSessionId: session.id }
}

/** An order paid with Medusa's system provider: nothing to do with the bank. */
export async function placeSystemOrder(client: MedusaApi, seed: SeededStore): Promise<string> {
  const cart = await cartReadyForPayment(client, seed)
  await startPayment(client, cart.id, "pp_system_default")
  const completed = await client.store.post(`/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") throw new Error(`the cart did not complete: ${JSON.stringify(completed)}`)
  return completed.order.id
}

/** The order's payments and their captures, as the admin API shows them. */
export async function orderPayments(client: MedusaApi, orderId: string) {
  const { order } = await client.admin.get(`/admin/orders/${orderId}`, {
    params: { fields: "id,status,payment_status,metadata,*payment_collections.payments.captures" },
  })
  const payments = (order.payment_collections ?? []).flatMap((c: { payments?: unknown[] }) => c.payments ?? []) as {
    captured_at: string | null
    captures?: unknown[]
  }[]
  return { order, payments, captures: payments.flatMap((p) => p.captures ?? []) }
}
