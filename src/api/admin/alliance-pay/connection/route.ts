import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule } from "../../../../workflows/admin-views"

/** The bank device connection: connected, expiry, the last refusal. Never the device id or tokens. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ connection: await alliancePayModule(req.scope).connectionStatus() })
}
