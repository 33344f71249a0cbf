import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { kopecksOf } from "../credit-memo/order-refund-state"

export interface MedusaPaymentState {
  session_status: string | null
  payment_id: string | null
  captured: boolean
  /** Medusa's captures on the payment, in kopecks (a partial capture leaves captured false) */
  captured_kopecks: number
  payment_canceled: boolean
  /** Medusa's refunds on the payment, in kopecks */
  refunded: number
  /** the bank order Medusa's payment belongs to (a session may have had several) */
  bank_order_id: string | null
  cart_id: string | null
  order_id: string | null
  order_status: string | null
}

/** What Medusa itself currently records for a payment session: its payment, cart and order. */
export async function medusaPaymentState(container: MedusaContainer, paymentSessionId: string): Promise<MedusaPaymentState> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sessions } = await query.graph({
    entity: "payment_session",
    fields: ["id", "status", "payment_collection_id", "payment.id", "payment.data", "payment.captured_at", "payment.canceled_at", "payment.captures.raw_amount", "payment.refunds.raw_amount"],
    filters: { id: paymentSessionId },
  })
  const session = sessions[0]
  const state: MedusaPaymentState = {
    session_status: session?.status ?? null,
    payment_id: session?.payment?.id ?? null,
    captured: !!session?.payment?.captured_at,
    captured_kopecks: ((session?.payment?.captures ?? []) as { raw_amount: unknown }[]).reduce((acc, c) => acc + kopecksOf(c?.raw_amount), 0),
    payment_canceled: !!session?.payment?.canceled_at,
    refunded: ((session?.payment?.refunds ?? []) as { raw_amount: unknown }[]).reduce((acc, r) => acc + kopecksOf(r?.raw_amount), 0),
    bank_order_id: typeof session?.payment?.data?.bank_order_id === "string" ? session.payment.data.bank_order_id : null,
    cart_id: null,
    order_id: null,
    order_status: null,
  }
  if (!session?.payment_collection_id) return state
  const [{ data: carts }, { data: orders }] = await Promise.all([
    query.graph({ entity: "cart_payment_collection", fields: ["cart_id"], filters: { payment_collection_id: session.payment_collection_id } }),
    query.graph({ entity: "order_payment_collection", fields: ["order_id"], filters: { payment_collection_id: session.payment_collection_id } }),
  ])
  state.cart_id = carts[0]?.cart_id ?? null
  state.order_id = orders[0]?.order_id ?? null
  if (state.order_id) {
    const { data: order } = await query.graph({ entity: "order", fields: ["status"], filters: { id: state.order_id } })
    state.order_status = order[0]?.status ?? null
  }
  return state
}
