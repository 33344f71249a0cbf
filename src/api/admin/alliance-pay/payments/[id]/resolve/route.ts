import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule } from "../../../../../../workflows/admin-views"
import type { AdminAlliancePayResolveType } from "../../../validators"

/** Mark resolved, with a note: the bank order leaves "Needs attention" and the note stays in its history. */
export async function POST(req: AuthenticatedMedusaRequest<AdminAlliancePayResolveType>, res: MedusaResponse) {
  const alliancePay = alliancePayModule(req.scope)
  const record = await alliancePay.retrieveBankOrder(req.params.id)
  await alliancePay.setAttention(record.id, {
    attention: null,
    autoRefundAt: null,
    resolved: true,
    entry: { by: req.auth_context?.actor_id ?? null, action: "resolved", note: req.validatedBody.note },
  })
  res.json({ message: "Marked resolved." })
}
