import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { alliancePayModule } from "../../lib/admin-panel/alliance-pay-module"

/** The last step of an offline memo: the shop's records are written, so it is refunded. */
export const markCreditMemoRefundedStep = createStep("alliancepay-mark-credit-memo-refunded", async ({ memo_id }: { memo_id: string }, { container }) => {
  const memo = await alliancePayModule(container).updateCreditMemos({ id: memo_id, status: "refunded" })
  return new StepResponse(memo)
})
