import type { CustomerContext } from "./customer"

const ADDRESS_FIELDS = ["first_name", "last_name", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone"]

/** What the provider may learn about the cart that pays: id, currency, contact and addresses. */
export const SESSION_CART_FIELDS = [
  "id",
  "payment_collection.cart.id",
  "payment_collection.cart.email",
  "payment_collection.cart.customer_id",
  "payment_collection.cart.currency_code",
  ...ADDRESS_FIELDS.flatMap((f) => [`payment_collection.cart.billing_address.${f}`, `payment_collection.cart.shipping_address.${f}`]),
]

export interface SessionCart {
  id: string
  email?: string | null
  customer_id?: string | null
  currency_code?: string | null
  billing_address?: CustomerContext["billing_address"]
  shipping_address?: CustomerContext["billing_address"]
}

/** Medusa's Query (`query.graph`), as much of it as this file needs. */
export interface GraphQuery {
  graph(args: { entity: string; fields: string[]; filters: Record<string, unknown> }): Promise<{ data: unknown[] }>
}

/**
 * The cart a payment session pays for, through Medusa's own records: payment session →
 * payment collection → the cart linked to it. Never from what the storefront put in the
 * session data, which could name anyone's cart.
 */
export async function cartOfPaymentSession(query: GraphQuery, sessionId: string): Promise<SessionCart | undefined> {
  const { data } = await query.graph({ entity: "payment_session", fields: SESSION_CART_FIELDS, filters: { id: sessionId } })
  const session = data[0] as { payment_collection?: { cart?: SessionCart | null } | null } | undefined
  const cart = session?.payment_collection?.cart
  return cart?.id ? cart : undefined
}

/** The cart's e-mail and billing (else shipping) address, for a guest; nothing if the currency differs. */
export function cartCustomer(cart: SessionCart | undefined, currency: string): CustomerContext | undefined {
  if (!cart || cart.currency_code?.toLowerCase() !== currency) return undefined
  return { id: cart.customer_id, email: cart.email, billing_address: cart.billing_address ?? cart.shipping_address }
}
