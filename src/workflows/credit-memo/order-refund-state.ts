import type { MedusaContainer } from "@medusajs/framework/types"
import { BigNumber, ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toKopecks } from "../../core/bank/money"
import { onlineRefundUnavailable } from "../../core/bank-state/refund-rule"
import { ALLIANCE_PROVIDER_PREFIX } from "../admin-views/order-bank-orders"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import type { CreditMemoRecord } from "../../modules/alliance-pay/types"
import type { CapturedPayment, RefundableItem, RefundableOrder } from "../../core/credit-memo/refundable-order"

type BigNumberInput = ConstructorParameters<typeof BigNumber>[0]

/** Medusa's amounts (numbers, strings, raw `{ value, precision }`) as integer kopecks, through its own BigNumber. */
export const kopecksOf = (value: unknown): number => (value === null || value === undefined ? 0 : toKopecks(new BigNumber(value as BigNumberInput)))

/** Everything a credit memo is checked against, with the order's memos; amounts in kopecks. */
export interface OrderRefundState extends RefundableOrder {
  memos: CreditMemoRecord[]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the order graph as query.graph returns it, read field by field
type Row = Record<string, any>

function capturedAlliancePayment(order: Row): CapturedPayment | null {
  const payments: Row[] = (order.payment_collections ?? []).flatMap((c: Row | null) => c?.payments ?? [])
  const payment = payments.find((p) => p?.provider_id?.startsWith(ALLIANCE_PROVIDER_PREFIX) && p.captured_at && !p.canceled_at)
  if (!payment) return null
  const sum = (rows: Row[] | null | undefined) => (rows ?? []).reduce((acc, r) => acc + kopecksOf(r?.raw_amount ?? r?.amount), 0)
  const bankOrderId = payment.data?.bank_order_id
  return {
    id: payment.id,
    bank_order_id: typeof bankOrderId === "string" ? bankOrderId : null,
    captured: sum(payment.captures),
    refunded: sum(payment.refunds),
  }
}

/** Offline memos made before offline refunds were recorded in Medusa and in the refund ledger. */
function legacyOfflineMemos(memos: CreditMemoRecord[]): number {
  return memos
    .filter((m) => m.mode === "offline" && m.status === "refunded" && !m.medusa_refund_id)
    .reduce((acc, m) => acc + kopecksOf((m as Row).raw_total ?? m.total), 0)
}

/**
 * The order as a credit memo sees it: its items and shipping with their totals (computed by
 * Medusa, taxes and discounts included), what earlier memos refunded, and what is left on the
 * captured Alliance Pay payment. 404 for an unknown order.
 */
export async function orderRefundState(container: MedusaContainer, orderId: string): Promise<OrderRefundState> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    // "total" makes the order module compute every total, the items' and shipping methods' too
    fields: [
      "id",
      "display_id",
      "status",
      "currency_code",
      "total",
      "items.id",
      "items.title",
      "items.product_title",
      "items.variant_title",
      "items.quantity",
      "items.total",
      "shipping_methods.id",
      "shipping_methods.total",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captures.raw_amount",
      "payment_collections.payments.refunds.raw_amount",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as Row | undefined
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)

  const memos = await alliancePayModule(container).listCreditMemos({ order_id: orderId }, { relations: ["lines"], order: { created_at: "ASC" } })
  const live = memos.filter((m) => m.status !== "failed")
  const refundedUnits = new Map<string, number>()
  for (const line of live.flatMap((m) => m.lines ?? [])) refundedUnits.set(line.item_id, (refundedUnits.get(line.item_id) ?? 0) + line.quantity)

  const items: RefundableItem[] = (order.items ?? []).map((item: Row) => ({
    item_id: item.id,
    title: [item.product_title ?? item.title, item.variant_title].filter(Boolean).join(" · ") || item.title,
    ordered: Number(item.quantity),
    total: kopecksOf(item.total),
    refunded_quantity: refundedUnits.get(item.id) ?? 0,
  }))
  const shippingTotal = (order.shipping_methods ?? []).reduce((acc: number, m: Row) => acc + kopecksOf(m.total), 0)
  const shippingRefunded = live.reduce((acc, m) => acc + kopecksOf((m as Row).raw_shipping_amount ?? m.shipping_amount), 0)
  const payment = capturedAlliancePayment(order)
  // one refundable amount for every path: Medusa's own view and the bank ledger's (refunds of
  // unknown outcome, offline ones), whichever is less; the module checks it again under its lock
  const ledger = payment?.bank_order_id ? await alliancePayModule(container).ledger.refundableOf(payment.bank_order_id) : 0
  const bankOrder = payment?.bank_order_id ? await alliancePayModule(container).retrieveBankOrder(payment.bank_order_id) : undefined
  const refundable = payment ? Math.max(0, Math.min(payment.captured - payment.refunded - legacyOfflineMemos(memos), ledger)) : 0

  return {
    order: { id: order.id, display_id: order.display_id ?? null, status: order.status, currency_code: order.currency_code },
    payment,
    items,
    shipping: { total: shippingTotal, refunded: shippingRefunded },
    memos,
    refundable,
    online_refund_unavailable: (bankOrder && onlineRefundUnavailable(bankOrder)) ?? null,
  }
}
