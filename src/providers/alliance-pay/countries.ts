import { defaultCountries } from "@medusajs/framework/utils"

const byAlpha2 = new Map(defaultCountries.map((c) => [c.alpha2.toLowerCase(), c.numeric]))

/** ISO 3166-1 numeric code ("804") from Medusa's own country table, as the bank wants it. */
export function countryNumeric(alpha2: string | null | undefined): string | undefined {
  return alpha2 ? byAlpha2.get(alpha2.toLowerCase()) : undefined
}
