/** What Settings → Alliance Pay shows: the configuration a merchant set, secrets masked or left out. */
export interface AlliancePaySettingsView {
  merchant_id: string
  /** the first and last 4 characters only */
  service_code: string
  private_key_set: true
  api_url: string
  providers: {
    id: string
    /** cards (with Apple Pay, Google Pay) or pay by bank (A2A: the bank app's link, the NBU QR) */
    kind: "card" | "pay_by_bank"
    callback_url: string
    success_url: string
    fail_url: string
    payment_methods: string[]
    link_lifetime_minutes: number
    status_page_type: string
    default_language: string
    callback_encryption: boolean
    /** cards only: automatic, a one-step sale; manual, the card is held and the admin's Capture takes the money */
    capture_mode?: "automatic" | "manual"
    hold_lifetime_hours?: number
  }[]
}
