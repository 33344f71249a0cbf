import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { CustomerContext } from "./customer"

type Address = NonNullable<CustomerContext["billing_address"]>

export interface SessionCart {
  id: string
  email?: string | null
  customer_id?: string | null
  currency_code?: string | null
  billing_address?: Address | null
  shipping_address?: Address | null
}

const ADDRESS_FIELDS = ["first_name", "last_name", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone"] as const

const columns = (alias: string, prefix: string) => ADDRESS_FIELDS.map((f) => `${alias}.${f} as ${prefix}${f}`).join(", ")

/**
 * The cart a payment session pays for, through Medusa's own records: the payment session's
 * collection and the cart that Medusa's cart ↔ payment collection link names. Never from what the
 * storefront put in the session data, which could name anyone's cart.
 *
 * One statement over Medusa's tables (payment_session, the cart_payment_collection link, cart,
 * cart_address): it runs on every checkout while many may wait for the bank, and Medusa's query
 * (three modules, several round trips) starved the connection pool there under load.
 */
export async function cartOfPaymentSession(pg: Knex, sessionId: string): Promise<SessionCart | undefined> {
  const { rows } = await pg.raw(
    `select c.id, c.email, c.customer_id, c.currency_code,
            ba.id as b_id, ${columns("ba", "b_")}, sa.id as s_id, ${columns("sa", "s_")}
       from payment_session ps
       join cart_payment_collection l on l.payment_collection_id = ps.payment_collection_id and l.deleted_at is null
       join cart c on c.id = l.cart_id and c.deleted_at is null
       left join cart_address ba on ba.id = c.billing_address_id and ba.deleted_at is null
       left join cart_address sa on sa.id = c.shipping_address_id and sa.deleted_at is null
      where ps.id = ? and ps.deleted_at is null
      limit 1`,
    [sessionId]
  )
  const row = rows[0] as Record<string, string | null> | undefined
  if (!row?.id) return undefined
  const address = (prefix: string): Address | null =>
    row[`${prefix}id`] ? Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, row[`${prefix}${f}`] ?? null])) : null
  return { id: row.id, email: row.email, customer_id: row.customer_id, currency_code: row.currency_code, billing_address: address("b_"), shipping_address: address("s_") }
}

/** The cart's e-mail and billing (else shipping) address, for a guest; nothing if the currency differs. */
export function cartCustomer(cart: SessionCart | undefined, currency: string): CustomerContext | undefined {
  if (!cart || cart.currency_code?.toLowerCase() !== currency) return undefined
  return { id: cart.customer_id, email: cart.email, billing_address: cart.billing_address ?? cart.shipping_address }
}
