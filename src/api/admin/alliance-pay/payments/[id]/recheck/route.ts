import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeChange, sendBankRefusal } from "../../../../../../workflows/admin-views"
import { reconcileBankOrder } from "../../../../../../workflows/reconcile"
import { alliancePayModule } from "../../../../../../workflows/admin-views"

/** Re-check with the bank: the same reconciliation as Check Payment Status, for any bank order. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const record = await alliancePayModule(req.scope).retrieveBankOrder(req.params.id)
  try {
    const result = await reconcileBankOrder(req.scope, record)
    res.json({ changed: result.changed, state: result.state, actions: result.actions, message: describeChange(result) })
  } catch (e) {
    if (sendBankRefusal(req, res, e, `re-check of bank order ${record.hpp_order_id}`)) return
    throw e
  }
}
