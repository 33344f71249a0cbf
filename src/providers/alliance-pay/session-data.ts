import { fromKopecks } from "../../core/bank"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"

/**
 * What Medusa stores on the payment session / payment and a storefront can read:
 * where to send the shopper, and which bank order this is. Nothing secret.
 */
export function sessionData(record: BankOrderRecord): Record<string, unknown> {
  return {
    session_id: record.payment_session_id,
    bank_order_id: record.id,
    hpp_order_id: record.hpp_order_id,
    redirect_url: record.redirect_url,
    status_url: record.status_url,
    // pay-by-bank: the NBU QR link a desktop shopper scans (redirect_url is the bank app's deep link)
    ...(record.nbu_qr_url ? { nbu_qr_url: record.nbu_qr_url } : {}),
    expires_at: record.expires_at ? new Date(record.expires_at).toISOString() : null,
    amount: fromKopecks(Number(record.coin_amount)),
    currency_code: record.currency_code,
    state: record.state,
  }
}

/** Our bank order id from Medusa's stored data, whatever step wrote it. */
export function bankOrderIdOf(data: Record<string, unknown> | undefined): string | undefined {
  const id = data?.bank_order_id
  return typeof id === "string" && id ? id : undefined
}
