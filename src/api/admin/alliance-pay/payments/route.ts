import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paymentsPage } from "../../../../workflows/admin-views"
import type { AdminAlliancePayPaymentsQueryType } from "../validators"

/** Every bank order the shop created, newest first, with Medusa's figures beside the bank's. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminAlliancePayPaymentsQueryType>, res: MedusaResponse) {
  const q = req.validatedQuery as AdminAlliancePayPaymentsQueryType
  const state = q.state === undefined ? undefined : Array.isArray(q.state) ? q.state : [q.state]
  res.json(
    await paymentsPage(req.scope, {
      q: q.q,
      state,
      needs_attention: q.needs_attention === "true",
      from: q.from,
      to: q.to,
      limit: q.limit,
      offset: q.offset,
    })
  )
}
