/** An order as a credit memo is checked against it; amounts in integer kopecks. */
export interface RefundableItem {
  item_id: string
  title: string
  ordered: number
  /** the item's total, taxes and discounts included */
  total: number
  /** units on memos that did not fail */
  refunded_quantity: number
}

export interface CapturedPayment {
  id: string
  bank_order_id: string | null
  captured: number
  /** Medusa's refunds on the payment (online memos and Medusa's own Refund button) */
  refunded: number
}

export interface RefundableOrder {
  order: { id: string; display_id: number | null; status: string; currency_code: string }
  payment: CapturedPayment | null
  items: RefundableItem[]
  shipping: { total: number; refunded: number }
  /** what may still be refunded on the payment */
  refundable: number
  /** why the bank cannot refund this payment online (pay-by-bank): only Refund Offline is offered; null = it can */
  online_refund_unavailable?: string | null
}

/**
 * A credit memo the order does not allow: `invalid` when the request must change (400 invalid data),
 * `not_allowed` when the order's state forbids any memo (400 not allowed).
 */
export class CreditMemoRefused extends Error {
  constructor(
    readonly kind: "invalid" | "not_allowed",
    message: string,
  ) {
    super(message)
    this.name = "CreditMemoRefused"
  }
}
