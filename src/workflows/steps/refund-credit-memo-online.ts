import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../../core/bank/money"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import { medusaRefundNote, memoOutcome, type CreditMemoDraft } from "../credit-memo"
import type { CreditMemoRecord } from "../../modules/alliance-pay/types"

export interface RefundCreditMemoOnlineInput {
  memo_id: string
  draft: CreditMemoDraft
  created_by: string | null
}

const LOST_ANSWER =
  "The bank's answer was lost, so the outcome is unknown: the bank may have made this refund. Its amount stays reserved and it will not be sent again; it settles when the bank is next read (callback, reconciler or Check Payment Status), and Medusa records it then if the bank made it."

async function medusaRefundExists(container: MedusaContainer, refundId: string | null): Promise<boolean> {
  if (!refundId) return false
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "refund", fields: ["id"], filters: { id: refundId } })
  return data.length > 0
}

function asMedusaError(e: unknown): MedusaError {
  if (e instanceof MedusaError) return e
  const { type, message } = (e ?? {}) as { type?: string; message?: string }
  return new MedusaError(type ?? MedusaError.Types.NOT_ALLOWED, message ?? "The refund could not be made")
}

/**
 * Refunds the memo's total through Medusa's own refund workflow (reason, note, who), which calls
 * our provider, which calls the bank. The memo then follows the bank refund the provider made:
 * refunded, pending at the bank, or failed with the bank's reason (kept as a record). When nothing
 * reached the bank the error is rethrown and the memo is removed. No compensation: money moved.
 * Runs under the order's credit-memo lock, so the bank refund made now is the only new one.
 */
export const refundCreditMemoOnlineStep = createStep(
  "alliancepay-refund-credit-memo-online",
  async ({ memo_id, draft, created_by }: RefundCreditMemoOnlineInput, { container }) => {
    const alliancePay = alliancePayModule(container)
    const bankOrderId = draft.bank_order_id
    if (!bankOrderId) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has no Alliance Pay bank order to refund")
    const before = new Set((await alliancePay.listBankRefunds({ bank_order_id: bankOrderId })).map((r) => r.id))

    let failure: unknown
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
    } catch (e) {
      failure = e
    }
    const made = (await alliancePay.listBankRefunds({ bank_order_id: bankOrderId, kind: "bank" })).find(
      (r) => !before.has(r.id) && Number(r.coin_amount) === draft.total
    )
    if (!made) throw asMedusaError(failure)

    // link first, then read the refund's state: a callback settling it meanwhile is then never missed
    const medusaRefundId = (await medusaRefundExists(container, made.refund_id)) ? made.refund_id : null
    await alliancePay.updateCreditMemos({ id: memo_id, bank_refund_id: made.id, medusa_refund_id: medusaRefundId })
    await alliancePay.updateBankRefunds({ id: made.id, credit_memo_id: memo_id, payment_id: draft.payment_id })
    const refund = await alliancePay.retrieveBankRefund(made.id)
    const outcome = memoOutcome(refund, medusaRefundId, draft.currency_code)
    const lost = outcome.status === "pending" && (refund.state === "unknown" || refund.state === "requested")
    const memo: CreditMemoRecord = await alliancePay.updateCreditMemos({ id: memo_id, ...outcome, ...(lost ? { warning: LOST_ANSWER } : {}) })
    return new StepResponse(memo)
  }
)
