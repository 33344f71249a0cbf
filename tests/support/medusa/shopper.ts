import type { MedusaApi } from "./api"
import type { SeededStore } from "./seed"

export const UA_ADDRESS = {
  first_name: "Taras",
  last_name: "Shevchenko",
  address_1: "Volodymyrska 60",
  city: "Kyiv",
  postal_code: "01033",
  country_code: "ua",
  phone: "+380441234567",
} as const

export type CheckoutOptions = {
  quantity?: number
  email?: string
  address?: Record<string, string>
}

/**
 * As a shopper through the Store API: a cart in the UAH region with the seeded variant, an email,
 * a Ukrainian shipping/billing address and the seeded shipping method — i.e. the cart right before
 * the payment step. Returns the cart as `GET /store/carts/:id` shows it.
 */
export async function cartReadyForPayment(client: MedusaApi, seed: SeededStore, options: CheckoutOptions = {}) {
  const { quantity = 1, email = "shopper@alliancepay.test", address = UA_ADDRESS } = options
  const { cart } = await client.store.post("/store/carts", { region_id: seed.regionId })
  await client.store.post(`/store/carts/${cart.id}/line-items`, { variant_id: seed.variantId, quantity })
  await client.store.post(`/store/carts/${cart.id}`, { email, shipping_address: address, billing_address: address })
  const { shipping_options } = await client.store.get(`/store/shipping-options`, { params: { cart_id: cart.id } })
  const option = shipping_options.find((o: { id: string }) => o.id === seed.shippingOptionId)
  if (!option) throw new Error(`the seeded shipping option is not offered for cart ${cart.id}`)
  const { cart: ready } = await client.store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: option.id })
  return ready
}

/** Creates the cart's payment collection and a payment session with `providerId`; returns the collection. */
export async function startPayment(client: MedusaApi, cartId: string, providerId: string, data?: Record<string, unknown>) {
  const { payment_collection } = await client.store.post(`/store/payment-collections`, { cart_id: cartId })
  const { payment_collection: withSession } = await client.store.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: providerId, ...(data ? { data } : {}) }
  )
  return withSession
}
