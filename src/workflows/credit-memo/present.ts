import { fromKopecks } from "../../core/bank/money"
import type { CreditMemoLineRecord, CreditMemoRecord } from "../../modules/alliance-pay/types"
import { unitKopecks } from "../../core/credit-memo/amounts"
import { kopecksOf, type OrderRefundState } from "./order-refund-state"
import type { CreditMemoView, ItemRefundStatus, OrderCreditMemosView } from "../../core/credit-memo/types"

type WithRaw = Record<string, unknown>
const amount = (record: WithRaw, field: string) => fromKopecks(kopecksOf(record[`raw_${field}`] ?? record[field]))
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

/** A memo as the admin sees it: a fixed list of fields. */
export function presentCreditMemo(memo: CreditMemoRecord): CreditMemoView {
  const row = memo as unknown as WithRaw
  return {
    id: memo.id,
    mode: memo.mode,
    status: memo.status,
    currency_code: memo.currency_code,
    lines: ((memo.lines ?? []) as CreditMemoLineRecord[]).map((line) => ({
      item_id: line.item_id,
      title: line.title,
      quantity: line.quantity,
      unit_amount: amount(line as unknown as WithRaw, "unit_amount"),
      amount: amount(line as unknown as WithRaw, "amount"),
    })),
    shipping_amount: amount(row, "shipping_amount"),
    adjustment_refund: amount(row, "adjustment_refund"),
    adjustment_fee: amount(row, "adjustment_fee"),
    total: amount(row, "total"),
    refund_reason_id: memo.refund_reason_id,
    note: memo.note,
    created_by: memo.created_by,
    bank_refund_id: memo.bank_refund_id,
    medusa_refund_id: memo.medusa_refund_id,
    failure_reason: memo.failure_reason,
    warning: memo.warning,
    created_at: iso(row.created_at),
  }
}

function itemStatus(refunded: number, ordered: number): ItemRefundStatus {
  if (refunded <= 0) return "not_refunded"
  return refunded >= ordered ? "refunded" : "partially_refunded"
}

/** The order's memos, per-item refunded quantities and what is left, newest memo first. */
export function presentOrderCreditMemos(state: OrderRefundState): OrderCreditMemosView {
  return {
    order_id: state.order.id,
    currency_code: state.order.currency_code,
    can_credit: state.order.status !== "canceled" && !!state.payment && state.refundable > 0,
    items: state.items.map((item) => ({
      item_id: item.item_id,
      title: item.title,
      unit_amount: fromKopecks(unitKopecks(item.total, item.ordered)),
      total: fromKopecks(item.total),
      ordered: item.ordered,
      refunded_quantity: item.refunded_quantity,
      refundable_quantity: Math.max(0, item.ordered - item.refunded_quantity),
      status: itemStatus(item.refunded_quantity, item.ordered),
    })),
    shipping: {
      total: fromKopecks(state.shipping.total),
      refunded: fromKopecks(state.shipping.refunded),
      refundable: fromKopecks(Math.max(0, state.shipping.total - state.shipping.refunded)),
    },
    refundable: fromKopecks(state.refundable),
    online_refund_unavailable: state.online_refund_unavailable ?? null,
    credit_memos: [...state.memos].reverse().map(presentCreditMemo),
  }
}
