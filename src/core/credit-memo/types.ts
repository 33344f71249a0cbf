/**
 * What the credit-memo routes answer, shared with the admin widget (type-only imports there).
 * Amounts are decimal strings in major units ("1250.16"); times are ISO strings.
 */

export type ItemRefundStatus = "not_refunded" | "partially_refunded" | "refunded"

export interface CreditMemoLineView {
  item_id: string
  title: string
  quantity: number
  unit_amount: string
  amount: string
}

export interface CreditMemoView {
  id: string
  mode: "online" | "offline"
  status: "pending" | "refunded" | "failed"
  currency_code: string
  lines: CreditMemoLineView[]
  shipping_amount: string
  adjustment_refund: string
  adjustment_fee: string
  total: string
  refund_reason_id: string | null
  note: string | null
  created_by: string | null
  bank_refund_id: string | null
  medusa_refund_id: string | null
  /** the bank's reason, when it refused */
  failure_reason: string | null
  /** Medusa and the bank disagree: what the merchant must do */
  warning: string | null
  created_at: string | null
}

export interface RefundableItemView {
  item_id: string
  title: string
  /** one unit's share of the item's total (taxes and discounts included) */
  unit_amount: string
  total: string
  ordered: number
  /** units on memos that did not fail (pending ones included) */
  refunded_quantity: number
  refundable_quantity: number
  status: ItemRefundStatus
}

export interface OrderCreditMemosView {
  order_id: string
  currency_code: string
  /** false when the order is canceled, has no captured Alliance Pay payment, or nothing is left to refund */
  can_credit: boolean
  items: RefundableItemView[]
  shipping: { total: string; refunded: string; refundable: string }
  /** what may still be refunded on the payment */
  refundable: string
  /** set when the bank cannot refund this payment (pay-by-bank): only Refund Offline is possible, and why */
  online_refund_unavailable?: string | null
  credit_memos: CreditMemoView[]
}

export interface CreateCreditMemoResponse {
  credit_memo: CreditMemoView
  /** one English sentence: what happened */
  message: string
  credit_memos: OrderCreditMemosView
}
