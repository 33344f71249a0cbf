import { en } from "./en"
import { holdEn, holdUk } from "./hold"
import { paymentsEn, paymentsUk } from "./payments"
import { uk } from "./uk"

/**
 * Medusa's admin merges this into its own i18next resources (2.11.1+), so our strings follow
 * the language the admin chose. Namespaced under "alliancePay" to stay clear of the dashboard's keys.
 */
export default {
  en: { translation: { alliancePay: { ...en, payments: paymentsEn, hold: holdEn } } },
  uk: { translation: { alliancePay: { ...uk, payments: paymentsUk, hold: holdUk } } },
}
