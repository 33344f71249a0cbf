import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../../core/bank/money"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import { medusaRefundNote, type CreditMemoDraft } from "../credit-memo"
import { RefundRefusedError } from "../../modules/alliance-pay/service"
import type { CreditMemoRecord } from "../../modules/alliance-pay/types"

export interface RefundCreditMemoOfflineInput {
  memo_id: string
  draft: CreditMemoDraft
  created_by: string | null
}

/**
 * Refund Offline: the money went back another way, so the bank is not called; but the refund is
 * Medusa's like any other. Under the bank order's refund lock, the amount is checked against
 * everything already refunded and reserved in the refund ledger, then Medusa's own refund
 * workflow records it on the payment (refund, order transaction, credit line, activity), with our
 * provider taking the reserved offline refund instead of calling the bank. No compensation once
 * Medusa recorded it: a refund is money.
 */
export const refundCreditMemoOfflineStep = createStep(
  "alliancepay-refund-credit-memo-offline",
  async ({ memo_id, draft, created_by }: RefundCreditMemoOfflineInput, { container }) => {
    const alliancePay = alliancePayModule(container)
    const bankOrderId = draft.bank_order_id
    if (!bankOrderId) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has no Alliance Pay bank order to refund")
    const memo: CreditMemoRecord = await alliancePay.ledger.withRefundLock(bankOrderId, async () => {
      const reserved = await alliancePay
        .ledger.armOfflineRefund({ bankOrderId, coinAmount: draft.total, creditMemoId: memo_id, paymentId: draft.payment_id })
        .catch((e) => {
          throw e instanceof RefundRefusedError ? new MedusaError(MedusaError.Types.NOT_ALLOWED, `Alliance Pay: ${e.message}`) : e
        })
      try {
        await refundPaymentWorkflow(container).run({
          input: {
            payment_id: draft.payment_id,
            amount: fromKopecks(draft.total),
            note: medusaRefundNote(draft),
            refund_reason_id: draft.refund_reason_id ?? undefined,
            created_by: created_by ?? undefined,
          },
        })
      } finally {
        await alliancePay.ledger.disarm(reserved.id, "Medusa did not record the offline refund")
      }
      const recorded = await alliancePay.retrieveBankRefund(reserved.id)
      if (!recorded.refund_id) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Medusa did not record the offline refund; nothing was changed")
      return alliancePay.updateCreditMemos({ id: memo_id, status: "refunded", bank_refund_id: recorded.id, medusa_refund_id: recorded.refund_id })
    })
    return new StepResponse(memo)
  }
)
