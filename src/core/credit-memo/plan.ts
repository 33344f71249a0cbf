import { fromKopecks, toKopecks } from "../bank/money"
import { lineKopecks, memoTotalKopecks, unitKopecks } from "./amounts"
import { CreditMemoRefused, type RefundableOrder } from "./refundable-order"

export type CreditMemoMode = "online" | "offline"

/** What the merchant asks for: quantities and the amounts a person types in, never item prices. */
export interface CreditMemoRequest {
  mode: CreditMemoMode
  items: { item_id: string; quantity: number }[]
  /** decimal text in major units ("99.99") */
  shipping?: string
  adjustment_refund?: string
  adjustment_fee?: string
  refund_reason_id?: string
  note?: string
}

export interface CreditMemoDraftLine {
  item_id: string
  title: string
  quantity: number
  unit_kopecks: number
  kopecks: number
}

/** The memo as the server computed it, in kopecks. */
export interface CreditMemoDraft {
  order_id: string
  payment_id: string
  bank_order_id: string | null
  currency_code: string
  mode: CreditMemoMode
  lines: CreditMemoDraftLine[]
  shipping: number
  adjustment_refund: number
  adjustment_fee: number
  total: number
  refund_reason_id: string | null
  note: string | null
}

const refuse = (message: string) => new CreditMemoRefused("invalid", message)
const notAllowed = (message: string) => new CreditMemoRefused("not_allowed", message)

/**
 * Checks a request against the order and prices it from the order's own totals. Every refusal
 * is a CreditMemoRefused that names what to change (the workflow step answers it as a 400); nothing is written here.
 */
export function planCreditMemo(state: RefundableOrder, request: CreditMemoRequest): CreditMemoDraft {
  const currency = state.order.currency_code.toUpperCase()
  const money = (kopecks: number) => `${fromKopecks(kopecks)} ${currency}`
  const label = `Order #${state.order.display_id ?? state.order.id}`

  if (state.order.status === "canceled") throw notAllowed(`${label} is canceled; its payment was settled by the cancellation, there is nothing to credit`)
  if (!state.payment) throw notAllowed(`${label} has no captured Alliance Pay payment; a credit memo needs a paid order`)
  if (request.mode === "online" && state.online_refund_unavailable) throw notAllowed(`${label}: ${state.online_refund_unavailable}`)

  const seen = new Set<string>()
  const lines: CreditMemoDraftLine[] = []
  for (const { item_id, quantity } of request.items) {
    if (seen.has(item_id)) throw refuse(`Item ${item_id} is listed twice; give each item once with its quantity`)
    seen.add(item_id)
    const item = state.items.find((i) => i.item_id === item_id)
    if (!item) throw refuse(`Item ${item_id} is not on ${label}`)
    if (quantity === 0) continue
    const left = item.ordered - item.refunded_quantity
    if (quantity > left) {
      throw refuse(
        `Only ${left} of “${item.title}” can still be refunded (ordered ${item.ordered}, already refunded ${item.refunded_quantity}); ${quantity} were asked`
      )
    }
    lines.push({
      item_id,
      title: item.title,
      quantity,
      unit_kopecks: unitKopecks(item.total, item.ordered),
      kopecks: lineKopecks(item.total, item.ordered, item.refunded_quantity, quantity),
    })
  }

  const shipping = toKopecks(request.shipping ?? "0")
  const shippingLeft = Math.max(0, state.shipping.total - state.shipping.refunded)
  if (shipping > shippingLeft) throw refuse(`Only ${money(shippingLeft)} of shipping can still be refunded; ${money(shipping)} were asked`)
  const adjustmentRefund = toKopecks(request.adjustment_refund ?? "0")
  const adjustmentFee = toKopecks(request.adjustment_fee ?? "0")
  const items = lines.reduce((acc, l) => acc + l.kopecks, 0)
  const total = memoTotalKopecks({ items, shipping, adjustmentRefund, adjustmentFee })

  if (total <= 0) throw refuse(`The credit memo's total must be above zero (it is ${fromKopecks(total)} ${currency}): choose items, shipping or an adjustment refund`)
  if (total > state.refundable) {
    throw notAllowed(`Only ${money(state.refundable)} can still be refunded on this payment; this credit memo totals ${money(total)}`)
  }
  return {
    order_id: state.order.id,
    payment_id: state.payment.id,
    bank_order_id: state.payment.bank_order_id,
    currency_code: state.order.currency_code,
    mode: request.mode,
    lines,
    shipping,
    adjustment_refund: adjustmentRefund,
    adjustment_fee: adjustmentFee,
    total,
    refund_reason_id: request.refund_reason_id ?? null,
    note: request.note?.trim() || null,
  }
}
