import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePaySettings } from "./configuration"

/** Settings → Alliance Pay: the whole configuration, with the service code masked and the key left out. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ settings: alliancePaySettings(req.scope) })
}
