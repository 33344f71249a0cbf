import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayOrderView } from "../../../../../workflows/admin-views"

/** The order's Alliance Pay payment as our records know it (no bank call; Check Payment Status asks the bank). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ alliance_pay: await alliancePayOrderView(req.scope, req.params.id) })
}
