import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CreditMemoRequest } from "./credit-memo"
import { planCreditMemoStep } from "./steps/plan-credit-memo"
import { recordCreditMemoStep } from "./steps/record-credit-memo"
import { refundCreditMemoOfflineStep } from "./steps/refund-credit-memo-offline"
import { refundCreditMemoOnlineStep } from "./steps/refund-credit-memo-online"

export type CreateCreditMemoInput = CreditMemoRequest & {
  order_id: string
  /** the admin user creating it */
  created_by?: string | null
}

/**
 * A credit memo: priced and checked on the server, recorded as pending, then
 * - online: refunded through Medusa's refund workflow, our provider and the bank;
 * - offline: no bank call; Medusa's refund workflow records it on the payment like any refund
 *   (its note says it was recorded without a bank call), and the refund ledger reserves it, so
 *   no other path can refund the same money again.
 * Callers hold the order's credit-memo lock around a run (see credit-memo/create.ts).
 */
export const createCreditMemoWorkflow = createWorkflow("alliancepay-create-credit-memo", (input: CreateCreditMemoInput) => {
  const draft = planCreditMemoStep(input)
  const recorded = recordCreditMemoStep(transform({ draft, input }, ({ draft, input }) => ({ draft, created_by: input.created_by ?? null })))

  const refundedOnline = when("alliancepay-credit-memo-online", { draft }, ({ draft }) => draft.mode === "online").then(() =>
    refundCreditMemoOnlineStep(
      transform({ draft, recorded, input }, ({ draft, recorded, input }) => ({ memo_id: recorded.id, draft, created_by: input.created_by ?? null }))
    )
  )

  const refundedOffline = when("alliancepay-credit-memo-offline", { draft }, ({ draft }) => draft.mode === "offline").then(() =>
    refundCreditMemoOfflineStep(
      transform({ draft, recorded, input }, ({ draft, recorded, input }) => ({ memo_id: recorded.id, draft, created_by: input.created_by ?? null }))
    )
  )

  return new WorkflowResponse(
    transform({ recorded, refundedOnline, refundedOffline }, ({ recorded, refundedOnline, refundedOffline }) => refundedOnline ?? refundedOffline ?? recorded)
  )
})
