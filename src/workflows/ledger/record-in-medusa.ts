import type { MedusaContainer } from "@medusajs/framework/types"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../../core/bank"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"

const CONFIRMED_LATE = "Refund confirmed by Alliance Pay after its first answer was lost; recorded without another bank call"

/**
 * Bank refunds Medusa has no record of (the bank's first answer was lost, so Medusa dropped its
 * refund) are recorded in Medusa once the bank confirms them: through Medusa's own refund
 * workflow, with our provider taking the armed refund instead of calling the bank. Medusa's
 * totals, refund list and activity then agree with the bank. Returns the refunds recorded.
 */
export async function recordBankRefundsInMedusa(container: MedusaContainer, bankOrder: BankOrderRecord, paymentId: string): Promise<string[]> {
  const alliancePay = alliancePayModule(container)
  const recorded: string[] = []
  const missing = await alliancePay.listBankRefunds({ bank_order_id: bankOrder.id, kind: "bank", refund_id: null, state: ["succeeded", "pending"] })
  for (const refund of missing) {
    await alliancePay.ledger.withRefundLock(bankOrder.id, async () => {
      if (!(await alliancePay.ledger.armMedusaRecord(refund.id))) return
      try {
        await refundPaymentWorkflow(container).run({
          input: { payment_id: paymentId, amount: fromKopecks(Number(refund.coin_amount)), note: refund.note ?? CONFIRMED_LATE },
        })
      } finally {
        await alliancePay.ledger.disarm(refund.id, "Medusa did not record the refund")
      }
      const [linked] = await alliancePay.listBankRefunds({ id: refund.id })
      if (!linked?.refund_id) return
      recorded.push(refund.id)
      const memos = await alliancePay.listCreditMemos({ bank_refund_id: refund.id })
      for (const memo of memos) if (!memo.medusa_refund_id) await alliancePay.updateCreditMemos({ id: memo.id, medusa_refund_id: linked.refund_id, warning: null })
    })
  }
  return recorded
}
