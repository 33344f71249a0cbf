import { execFileSync } from "node:child_process"
import { ALLIANCE_PROVIDER, hppIdOf, sandboxControl, type BankCall } from "./alliance"
import { startPayment, UA_ADDRESS } from "./shopper"
import type { Instance, Topology } from "./topology"

/** A bank call as the sandbox logged it, with the time it arrived. */
export type TimedBankCall = BankCall & { at: string; peerPort: number | null }

export async function timedBankCalls(topology: Topology, path?: string): Promise<TimedBankCall[]> {
  const log = await sandboxControl(topology.sandbox, "/calls")
  const list: TimedBankCall[] = Array.isArray(log) ? log : log.calls
  return path ? list.filter((c) => c.path === path) : list
}

/** A cart at the bank through one server, as a storefront would make it (the shopper has not paid yet). */
export async function cartAtTheBank(server: Instance, store: { regionId: string; variantId: string }) {
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

/**
 * The instance that made a bank call still in flight: the caller's TCP port from the sandbox's call log,
 * and the kernel's socket table for which process (group) owns that connection.
 */
export function instanceBehind(topology: Topology, call: TimedBankCall): Instance | undefined {
  if (!call.peerPort) return undefined
  const sockets = execFileSync("ss", ["-tnpH", "state", "established", "src", `127.0.0.1:${call.peerPort}`], { encoding: "utf8" })
  const pid = Number(/pid=(\d+)/.exec(sockets)?.[1])
  if (!pid) return undefined
  const group = processGroupOf(pid)
  return topology.instances.find((instance) => instance.pid === group)
}

function processGroupOf(pid: number): number | undefined {
  try {
    return Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim())
  } catch {
    return undefined
  }
}
