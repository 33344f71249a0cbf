import type { MedusaContainer } from "@medusajs/framework/types"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import { closeUnpaidOrderWorkflow } from "../../workflows/close-unpaid-order"

/**
 * Runs the close-unpaid-order workflow for one payment session, one caller at a time
 * across processes (a callback and a "Check Payment Status" press may race).
 */
export async function closeUnpaidOrder(container: MedusaContainer, input: { payment_session_id: string; reason: string }) {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  return alliancePay.withAdvisoryLock(`alliancepay:close:${input.payment_session_id}`, async () => {
    const { result } = await closeUnpaidOrderWorkflow(container).run({ input })
    return result.canceled_order_id
  })
}
