import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"

/** The bank order a callback names, by the bank's id or, for one whose answer was lost, by ours. */
export async function findByBankIds(module: AlliancePayModuleService, hppOrderId: string, merchantRequestId?: string): Promise<BankOrderRecord | undefined> {
  const [byHpp] = await module.listBankOrders({ hpp_order_id: hppOrderId }, { take: 1 })
  if (byHpp || !merchantRequestId) return byHpp
  const [byRequest] = await module.listBankOrders({ merchant_request_id: merchantRequestId }, { take: 1 })
  return byRequest
}
