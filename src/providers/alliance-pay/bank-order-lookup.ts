import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"

/** The bank order a callback names, by the bank's id or, for one whose answer was lost, by ours. */
export async function findByBankIds(module: AlliancePayModuleService, hppOrderId: string, merchantRequestId?: string): Promise<BankOrderRecord | undefined> {
  const [byHpp] = await module.listBankOrders({ hpp_order_id: hppOrderId }, { take: 1 })
  if (byHpp || !merchantRequestId) return byHpp
  const [byRequest] = await module.listBankOrders({ merchant_request_id: merchantRequestId }, { take: 1 })
  return byRequest
}

/** A retry for the same session and amount gets the bank order it already has. */
export async function reusableOrder(module: AlliancePayModuleService, sessionId: string, coinAmount: number, currency: string): Promise<BankOrderRecord | undefined> {
  const existing = await module.listBankOrders(
    { payment_session_id: sessionId, state: ["pending", "in_progress", "authorized", "captured"], detached_at: null },
    { order: { created_at: "DESC" }, take: 1 }
  )
  const record = existing[0]
  return record && Number(record.coin_amount) === coinAmount && record.currency_code === currency && record.hpp_order_id ? record : undefined
}
