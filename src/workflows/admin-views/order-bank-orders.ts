import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { BankOrderRecord, BankRefundRecord } from "../../modules/alliance-pay/types"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"

export const ALLIANCE_PROVIDER_PREFIX = "pp_alliancepay_"

export interface OrderBankOrders {
  order: { id: string; display_id: number | null; status: string | null; metadata: Record<string, unknown> | null }
  /** the bank order the payment depends on now: the newest one not replaced by another */
  current: BankOrderRecord
  /** older or replaced bank orders, newest first */
  history: BankOrderRecord[]
  refunds: BankRefundRecord[]
}

type SessionRow = { id: string; provider_id: string } | null
type CollectionRow = { payment_sessions?: SessionRow[] | null } | null

/**
 * The bank orders behind an order's Alliance Pay payment sessions.
 * 404 for an unknown order, 400 for an order not paid (or being paid) with Alliance Pay.
 */
export async function orderBankOrders(container: MedusaContainer, orderId: string): Promise<OrderBankOrders> {
  const alliancePay = alliancePayModule(container)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "status",
      "metadata",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.provider_id",
    ],
    filters: { id: orderId },
  })
  const order = data[0]
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)

  const sessions = ((order.payment_collections ?? []) as CollectionRow[]).flatMap((c) => c?.payment_sessions ?? [])
  const ours = sessions.filter((s): s is NonNullable<SessionRow> => !!s?.provider_id?.startsWith(ALLIANCE_PROVIDER_PREFIX))
  const bankOrders = ours.length
    ? await alliancePay.listBankOrders({ payment_session_id: ours.map((s) => s.id) }, { order: { created_at: "DESC" } })
    : []
  if (!bankOrders.length) {
    const providers = [...new Set(sessions.map((s) => s?.provider_id).filter(Boolean))]
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order #${order.display_id ?? order.id} was not paid with Alliance Pay (${providers.length ? `payment provider: ${providers.join(", ")}` : "it has no payment session"}); there is nothing to check at the bank`
    )
  }
  const current = bankOrders.find((b) => !b.detached_at) ?? bankOrders[0]
  const refunds = await alliancePay.listBankRefunds({ bank_order_id: bankOrders.map((b) => b.id) }, { order: { created_at: "ASC" } })
  return {
    order: {
      id: order.id,
      display_id: (order.display_id as number | null) ?? null,
      status: (order.status as string | null) ?? null,
      metadata: (order.metadata as Record<string, unknown> | null) ?? null,
    },
    current,
    history: bankOrders.filter((b) => b !== current),
    refunds,
  }
}
