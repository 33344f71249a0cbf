import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { orderRefundState, planCreditMemo, type CreditMemoDraft, type CreditMemoRequest } from "../../lib/credit-memo"

export type PlanCreditMemoInput = CreditMemoRequest & { order_id: string }

/** Prices and checks the memo against the order's own totals and earlier memos. Read-only. */
export const planCreditMemoStep = createStep("alliancepay-plan-credit-memo", async (input: PlanCreditMemoInput, { container }) => {
  const { order_id, ...request } = input
  if (request.refund_reason_id) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "refund_reason", fields: ["id"], filters: { id: request.refund_reason_id } })
    if (!data.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `There is no refund reason ${request.refund_reason_id}`)
  }
  const state = await orderRefundState(container, order_id)
  const draft: CreditMemoDraft = planCreditMemo(state, request)
  return new StepResponse(draft)
})
