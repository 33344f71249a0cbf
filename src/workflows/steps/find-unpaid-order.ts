import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export interface UnpaidOrder {
  id: string
  metadata: Record<string, unknown> | null
}

/**
 * The order created from this payment session's cart while its payment was still being
 * confirmed, if it exists, is not canceled and has nothing captured. Read-only.
 */
export const findUnpaidOrderStep = createStep(
  "alliancepay-find-unpaid-order",
  async ({ payment_session_id }: { payment_session_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: sessions } = await query.graph({
      entity: "payment_session",
      fields: ["id", "payment_collection_id"],
      filters: { id: payment_session_id },
    })
    const collectionId = sessions[0]?.payment_collection_id
    if (!collectionId) return new StepResponse<UnpaidOrder | null>(null)
    const { data: links } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: collectionId },
    })
    const orderId = links[0]?.order_id
    if (!orderId) return new StepResponse<UnpaidOrder | null>(null)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "status", "metadata", "payment_collections.payments.captured_at"],
      filters: { id: orderId },
    })
    const order = orders[0]
    type Collection = { payments?: ({ captured_at?: unknown } | null)[] | null } | null
    const collections = (order?.payment_collections ?? []) as Collection[]
    const captured = collections.some((c) => c?.payments?.some((p) => p?.captured_at))
    if (!order || order.status === "canceled" || captured) return new StepResponse<UnpaidOrder | null>(null)
    return new StepResponse<UnpaidOrder | null>({ id: order.id, metadata: (order.metadata as Record<string, unknown>) ?? null })
  }
)
