import type { MedusaContainer } from "@medusajs/framework/types"
import { createCreditMemoWorkflow, type CreateCreditMemoInput } from "../create-credit-memo"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import { creditMemoLockKey } from "../../core/credit-memo/lock"

/**
 * Creates a credit memo, one per order at a time across processes: the check of what is left
 * and the refund that uses it up cannot interleave with another memo of the same order, so two
 * memos pressed at the same moment cannot together refund more than was paid.
 */
export async function createCreditMemo(container: MedusaContainer, input: CreateCreditMemoInput) {
  return alliancePayModule(container).withAdvisoryLock(creditMemoLockKey(input.order_id), async () => {
    const { result } = await createCreditMemoWorkflow(container).run({ input })
    return result
  })
}
