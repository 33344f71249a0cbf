import { toKopecks } from "../../core/bank/money"
import { lineKopecks, memoTotalKopecks } from "../../core/credit-memo/amounts"
import type { CreditMemoBody, OrderCreditMemosView } from "./api"

/** What the merchant typed in the drawer, as text. */
export interface CreditMemoForm {
  quantities: Record<string, string>
  shipping: string
  adjustmentRefund: string
  adjustmentFee: string
  reasonId: string
  note: string
}

export const emptyForm = (): CreditMemoForm => ({ quantities: {}, shipping: "", adjustmentRefund: "", adjustmentFee: "", reasonId: "", note: "" })

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/
const QUANTITY = /^\d{1,6}$/

/** Typed amount → kopecks; empty is zero; null when it is not an amount. */
const amountKopecks = (text: string): number | null => (text.trim() === "" ? 0 : AMOUNT.test(text.trim()) ? toKopecks(text.trim()) : null)
const quantityOf = (text: string | undefined): number | null => (!text || text.trim() === "" ? 0 : QUANTITY.test(text.trim()) ? Number(text.trim()) : null)

export interface CreditMemoPreview {
  items: number
  shipping: number
  adjustmentRefund: number
  adjustmentFee: number
  total: number
  /** field names whose input cannot be sent */
  invalid: string[]
}

/** The live totals (display only: the server computes the memo again from the order). */
export function previewCreditMemo(view: OrderCreditMemosView, form: CreditMemoForm): CreditMemoPreview {
  const invalid: string[] = []
  let items = 0
  for (const item of view.items) {
    const quantity = quantityOf(form.quantities[item.item_id])
    if (quantity === null || quantity > item.refundable_quantity) {
      invalid.push(item.item_id)
      continue
    }
    items += lineKopecks(toKopecks(item.total), item.ordered, item.refunded_quantity, quantity)
  }
  const amount = (field: string, text: string, max?: number) => {
    const kopecks = amountKopecks(text)
    if (kopecks === null || (max !== undefined && kopecks > max)) invalid.push(field)
    return kopecks ?? 0
  }
  const shipping = amount("shipping", form.shipping, toKopecks(view.shipping.refundable))
  const adjustmentRefund = amount("adjustmentRefund", form.adjustmentRefund)
  const adjustmentFee = amount("adjustmentFee", form.adjustmentFee)
  return { items, shipping, adjustmentRefund, adjustmentFee, total: memoTotalKopecks({ items, shipping, adjustmentRefund, adjustmentFee }), invalid }
}

/** The request: quantities and typed amounts, never a price. */
export function creditMemoBody(mode: CreditMemoBody["mode"], form: CreditMemoForm): CreditMemoBody {
  const items = Object.entries(form.quantities)
    .map(([item_id, text]) => ({ item_id, quantity: quantityOf(text) ?? 0 }))
    .filter((line) => line.quantity > 0)
  const text = (value: string) => value.trim() || undefined
  return {
    mode,
    items,
    shipping: text(form.shipping),
    adjustment_refund: text(form.adjustmentRefund),
    adjustment_fee: text(form.adjustmentFee),
    refund_reason_id: text(form.reasonId),
    note: text(form.note),
  }
}
