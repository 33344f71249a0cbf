import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import { closeUnpaidOrderWorkflow } from "../close-unpaid-order"

/**
 * Runs the close-unpaid-order workflow for one payment session, one caller at a time
 * across processes (a callback and a "Check Payment Status" press may race).
 *
 * A declined payment can also race the shopper's own "complete cart": Medusa creates the
 * order, fails to authorize the payment and deletes the order again. If that order vanishes
 * under us, there is nothing left to cancel (the workflow's own compensation restores the note).
 */
export async function closeUnpaidOrder(container: MedusaContainer, input: { payment_session_id: string; reason: string }) {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  return alliancePay.withAdvisoryLock(`alliancepay:close:${input.payment_session_id}`, async () => {
    const { result, errors } = await closeUnpaidOrderWorkflow(container).run({ input, throwOnError: false })
    if (errors?.length) {
      const error = errors[0].error as { type?: string; message?: string }
      if (error?.type === MedusaError.Types.NOT_FOUND) return null
      throw errors[0].error
    }
    return result.canceled_order_id
  })
}
