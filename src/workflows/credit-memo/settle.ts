import type { MedusaContainer } from "@medusajs/framework/types"
import { LockTimeoutError } from "../../modules/alliance-pay/service"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import { memoOutcome } from "../../core/credit-memo/bank-outcome"
import { creditMemoLockKey } from "../../core/credit-memo/lock"

/**
 * Brings pending online memos in line with their bank refunds, after a callback, the
 * reconciler or Check Payment Status re-read the bank. Idempotent; each memo is settled under
 * its order's lock, re-read there, so a memo still being created is never overwritten.
 * Returns the ids of memos whose status changed.
 */
export async function settleCreditMemos(container: MedusaContainer, bankRefundIds: string[]): Promise<string[]> {
  if (!bankRefundIds.length) return []
  const alliancePay = alliancePayModule(container)
  const memos = await alliancePay.listCreditMemos({ bank_refund_id: bankRefundIds, status: "pending" })
  const changed: string[] = []
  for (const { id, order_id } of memos) {
    const settle = async () => {
      const memo = await alliancePay.retrieveCreditMemo(id)
      if (memo.status !== "pending" || !memo.bank_refund_id) return
      const refund = await alliancePay.retrieveBankRefund(memo.bank_refund_id)
      const outcome = memoOutcome(refund, memo.medusa_refund_id, memo.currency_code)
      if (outcome.status === "pending") return
      await alliancePay.updateCreditMemos({ id, ...outcome })
      changed.push(id)
    }
    try {
      await alliancePay.withAdvisoryLock(creditMemoLockKey(order_id), settle)
    } catch (e) {
      // the holder is a memo being created (it reads the refund's state itself) or another settle
      if (!(e instanceof LockTimeoutError)) throw e
    }
  }
  return changed
}
