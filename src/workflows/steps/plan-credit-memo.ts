import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CreditMemoRefused, orderRefundState, planCreditMemo, type CreditMemoDraft, type CreditMemoRequest } from "../credit-memo"

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
  const draft: CreditMemoDraft = asMedusaError(() => planCreditMemo(state, request))
  return new StepResponse(draft)
})

function asMedusaError<T>(plan: () => T): T {
  try {
    return plan()
  } catch (e) {
    if (!(e instanceof CreditMemoRefused)) throw e
    throw new MedusaError(e.kind === "invalid" ? MedusaError.Types.INVALID_DATA : MedusaError.Types.NOT_ALLOWED, e.message)
  }
}
