import { cancelOrderWorkflow, updateOrdersStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findUnpaidOrderStep } from "./steps/find-unpaid-order"

export interface CloseUnpaidOrderInput {
  payment_session_id: string
  /** why the bank says the payment will not come (shown to the merchant on the order) */
  reason: string
}

/**
 * An order was created while the bank was still confirming its payment, and the bank
 * has now said no (declined or expired): cancel it, with the bank's reason on the order.
 * The note is written first and restored if the cancellation fails.
 */
export const closeUnpaidOrderWorkflow = createWorkflow("alliancepay-close-unpaid-order", (input: CloseUnpaidOrderInput) => {
  const order = findUnpaidOrderStep({ payment_session_id: input.payment_session_id })
  const canceled = when("alliancepay-order-awaits-payment", { order }, ({ order }) => !!order).then(() => {
    const update = transform({ order, input }, ({ order, input }) => ({
      selector: { id: order!.id },
      update: {
        metadata: {
          ...(order!.metadata ?? {}),
          alliancepay_note: `Canceled: ${input.reason}`,
          alliancepay_canceled_at: new Date().toISOString(),
        },
      },
    }))
    updateOrdersStep(update)
    const orderId = transform({ order }, ({ order }) => ({ order_id: order!.id }))
    cancelOrderWorkflow.runAsStep({ input: orderId })
    return orderId
  })
  return new WorkflowResponse(transform({ canceled }, ({ canceled }) => ({ canceled_order_id: canceled?.order_id ?? null })))
})
