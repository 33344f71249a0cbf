import { createHash } from "node:crypto"
import type { CustomerInput } from "../../core/bank"
import { countryNumeric } from "./countries"

interface Address {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}

export interface CustomerContext {
  id?: string | null
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  billing_address?: Address | null
}

/**
 * customerData for the bank from what Medusa knows: the registered customer (Medusa's
 * own context) or the cart (email and billing address). Guests get an id derived from
 * their e-mail, so the same guest is the same sender at the bank without exposing it.
 */
export function customerInput(customer: CustomerContext | undefined, fallbackKey: string): CustomerInput {
  const address = customer?.billing_address ?? undefined
  const customerId =
    customer?.id ?? `guest_${createHash("sha256").update(customer?.email?.toLowerCase() || fallbackKey).digest("hex").slice(0, 24)}`
  return {
    customerId,
    firstName: customer?.first_name ?? address?.first_name,
    lastName: customer?.last_name ?? address?.last_name,
    email: customer?.email,
    phone: customer?.phone ?? address?.phone,
    countryNumeric: countryNumeric(address?.country_code),
    region: address?.province,
    city: address?.city,
    street: address?.address_1,
    additionalAddress: address?.address_2,
    zipCode: address?.postal_code,
  }
}
