import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CheckStatusResponse } from "../../../../../../workflows/admin-views"
import { alliancePayOrderView, describeChange, orderBankOrders, sendBankRefusal } from "../../../../../../workflows/admin-views"
import { settleCreditMemos } from "../../../../../../workflows/credit-memo"
import { reconcileBankOrder } from "../../../../../../workflows/reconcile"
import type { AdminAlliancePayEmptyBodyType } from "../../../validators"

/**
 * Check Payment Status: re-read the bank and bring the order in line, exactly as a verified
 * callback would (the shared reconciliation, one run per bank order at a time).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminAlliancePayEmptyBodyType>, res: MedusaResponse) {
  const { current } = await orderBankOrders(req.scope, req.params.id)
  let result
  try {
    result = await reconcileBankOrder(req.scope, current.id)
  } catch (e) {
    if (sendBankRefusal(req, res, e, `Check Payment Status of order ${req.params.id}`)) return
    throw e
  }
  // the event's subscriber settles them too; done here as well so that this answer is current
  await settleCreditMemos(req.scope, result.refunds.map((r) => r.id))
  const answer: CheckStatusResponse = {
    changed: result.changed,
    previous: result.previous,
    state: result.state,
    actions: result.actions,
    refunds: result.refunds,
    message: describeChange(result),
    alliance_pay: await alliancePayOrderView(req.scope, req.params.id),
  }
  res.json(answer)
}
