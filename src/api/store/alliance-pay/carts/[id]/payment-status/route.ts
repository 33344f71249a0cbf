import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cartPaymentStatus } from "../../../payment-status"

/**
 * The cart's Alliance Pay payment, for the return page: paid / in_progress / failed (with the
 * bank's reason) / pending / expired / none, and the order once the cart became one. The id is
 * validated and rate-limited per cart before this runs (middlewares.ts); the publishable key is
 * required as on every /store route.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("Cache-Control", "no-store")
  res.json({ payment: await cartPaymentStatus(req.scope, req.params.id) })
}
