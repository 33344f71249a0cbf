import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromKopecks } from "../../core/bank/money"
import type { CreditMemoDraft } from "../credit-memo"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"

/** Medusa's bigNumber columns take exact decimal text; its DML input types only say `number`. */
const major = (kopecks: number) => fromKopecks(kopecks) as unknown as number

export interface RecordCreditMemoInput {
  draft: CreditMemoDraft
  created_by: string | null
}

/** Writes the memo as pending before any money moves; removed again if a later step fails. */
export const recordCreditMemoStep = createStep(
  "alliancepay-record-credit-memo",
  async ({ draft, created_by }: RecordCreditMemoInput, { container }) => {
    const alliancePay = alliancePayModule(container)
    const memo = await alliancePay.createCreditMemos({
      order_id: draft.order_id,
      payment_id: draft.payment_id,
      currency_code: draft.currency_code,
      mode: draft.mode,
      status: "pending",
      shipping_amount: major(draft.shipping),
      adjustment_refund: major(draft.adjustment_refund),
      adjustment_fee: major(draft.adjustment_fee),
      total: major(draft.total),
      refund_reason_id: draft.refund_reason_id,
      note: draft.note,
      created_by,
    })
    if (draft.lines.length) {
      await alliancePay.createCreditMemoLines(
        draft.lines.map((line) => ({
          credit_memo_id: memo.id,
          item_id: line.item_id,
          title: line.title,
          quantity: line.quantity,
          unit_amount: major(line.unit_kopecks),
          amount: major(line.kopecks),
        }))
      )
    }
    return new StepResponse(memo, memo.id)
  },
  async (memoId: string | undefined, { container }) => {
    if (memoId) await alliancePayModule(container).deleteCreditMemos(memoId)
  }
)
