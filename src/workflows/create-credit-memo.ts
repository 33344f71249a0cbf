import { addOrderTransactionStep, createOrderCreditLinesWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MathBN } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { fromKopecks } from "../lib/alliance-pay/money"
import type { CreditMemoDraft, CreditMemoRequest } from "../lib/credit-memo"
import { markCreditMemoRefundedStep } from "./steps/mark-credit-memo-refunded"
import { planCreditMemoStep } from "./steps/plan-credit-memo"
import { recordCreditMemoStep } from "./steps/record-credit-memo"
import { refundCreditMemoOnlineStep } from "./steps/refund-credit-memo-online"

export type CreateCreditMemoInput = CreditMemoRequest & {
  order_id: string
  /** the admin user creating it */
  created_by?: string | null
}

/** How an offline refund shows in Medusa's order: the reference of its transaction and credit line. */
export const OFFLINE_REFUND_REFERENCE = "credit_memo_offline"

/**
 * A credit memo: priced and checked on the server, recorded as pending, then
 * - online: refunded through Medusa's refund workflow, our provider and the bank;
 * - offline: no bank call; the order records the money returned (a refund transaction) and a
 *   credit line for the same amount, exactly what Medusa's own refund writes on the order,
 *   but without a refund on the payment, which the bank never made.
 * Callers hold the order's credit-memo lock around a run (see lib/credit-memo/create.ts).
 */
export const createCreditMemoWorkflow = createWorkflow("alliancepay-create-credit-memo", (input: CreateCreditMemoInput) => {
  const draft = planCreditMemoStep(input)
  const recorded = recordCreditMemoStep(transform({ draft, input }, ({ draft, input }) => ({ draft, created_by: input.created_by ?? null })))

  const refundedOnline = when("alliancepay-credit-memo-online", { draft }, ({ draft }) => draft.mode === "online").then(() =>
    refundCreditMemoOnlineStep(
      transform({ draft, recorded, input }, ({ draft, recorded, input }) => ({ memo_id: recorded.id, draft, created_by: input.created_by ?? null }))
    )
  )

  // the workflow composer cannot nest "when"s: the offline path is three conditional stages
  const offline = ({ draft }: { draft: CreditMemoDraft }) => draft.mode === "offline"
  const orderBefore = when("alliancepay-credit-memo-offline", { draft }, offline).then(() => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "summary"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "alliancepay-credit-memo-order-summary" })
    addOrderTransactionStep(
      transform({ draft, recorded }, ({ draft, recorded }) => ({
        order_id: draft.order_id,
        amount: MathBN.mult(fromKopecks(draft.total), -1),
        currency_code: draft.currency_code,
        reference: OFFLINE_REFUND_REFERENCE,
        reference_id: recorded.id,
      }))
    )
    return orders
  })
  // as Medusa's refund workflow does: what the shop already owed the customer needs no credit line
  const credit = transform({ orderBefore, draft }, ({ orderBefore, draft }) => {
    if (!orderBefore) return null
    const pending = orderBefore[0]?.summary?.raw_pending_difference ?? orderBefore[0]?.summary?.pending_difference ?? 0
    const owed = MathBN.lt(pending, 0) ? MathBN.mult(pending, -1) : MathBN.convert(0)
    const amount = MathBN.sub(fromKopecks(draft.total), owed)
    return MathBN.gt(amount, 0) ? amount : null
  })
  when("alliancepay-credit-memo-offline-credit-line", { credit }, ({ credit }) => !!credit).then(() => {
    createOrderCreditLinesWorkflow.runAsStep({
      input: transform({ draft, recorded, credit }, ({ draft, recorded, credit }) => ({
        id: draft.order_id,
        credit_lines: [{ amount: credit!, reference: OFFLINE_REFUND_REFERENCE, reference_id: recorded.id }],
      })),
    })
  })
  const refundedOffline = when("alliancepay-credit-memo-offline-done", { draft }, offline).then(() =>
    markCreditMemoRefundedStep(transform({ recorded }, ({ recorded }) => ({ memo_id: recorded.id })))
  )

  return new WorkflowResponse(
    transform({ recorded, refundedOnline, refundedOffline }, ({ recorded, refundedOnline, refundedOffline }) => refundedOnline ?? refundedOffline ?? recorded)
  )
})
