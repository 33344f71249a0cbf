import { LANGUAGES } from "../../core/bank"

/**
 * The only field a storefront may pass to the bank through the payment session data: the page
 * language, one of the bank's codes. Everything else in `data` is ignored.
 */
export function pageLanguageOf(data: Record<string, unknown> | undefined): (typeof LANGUAGES)[number] | undefined {
  const value = data?.language
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value) ? (value as (typeof LANGUAGES)[number]) : undefined
}
