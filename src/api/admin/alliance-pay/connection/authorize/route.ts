import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule, bankRefusal, sendBankRefusal } from "../../../../../workflows/admin-views"
import type { AdminAlliancePayEmptyBodyType } from "../../validators"

/** "Authorize by virtual device": a new bank session now, the merchant's connection test. */
export async function POST(req: AuthenticatedMedusaRequest<AdminAlliancePayEmptyBodyType>, res: MedusaResponse) {
  const alliancePay = alliancePayModule(req.scope)
  try {
    res.json({ connection: await alliancePay.authorizeConnection() })
  } catch (e) {
    if (!bankRefusal(e)) throw e
    // the refusal is recorded as last_error: answer it with the status the admin will now see
    sendBankRefusal(req, res, e, "authorizing the device", { connection: await alliancePay.connectionStatus() })
  }
}
