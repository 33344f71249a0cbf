import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule } from "../../../../../workflows/admin-views"

/** The "Needs attention" badge: how many bank orders a human must look at. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ count: await alliancePayModule(req.scope).countNeedingAttention() })
}
