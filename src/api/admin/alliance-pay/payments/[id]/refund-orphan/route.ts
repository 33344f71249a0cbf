import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { alliancePayModule, sendBankRefusal } from "../../../../../../workflows/admin-views"
import { refundOrphanIfDue } from "../../../../../../workflows/ledger/orphans"

/** Refund now a payment the bank took without an order: the whole refundable amount, through the same checks. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const alliancePay = alliancePayModule(req.scope)
  const record = await alliancePay.retrieveBankOrder(req.params.id)
  if (record.attention !== "paid_without_order") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Bank order ${record.hpp_order_id} is not a payment without an order; refund it from its order instead`)
  }
  try {
    const asked = await refundOrphanIfDue(req.scope, record, { force: true, by: req.auth_context?.actor_id ?? null })
    if (!asked) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Nothing is left to refund on bank order ${record.hpp_order_id}`)
  } catch (e) {
    if (sendBankRefusal(req, res, e, `refund of bank order ${record.hpp_order_id}`)) return
    throw e
  }
  const refunds = await alliancePay.listBankRefunds({ bank_order_id: record.id }, { order: { created_at: "DESC" }, take: 1 })
  res.json({ refund: { id: refunds[0]?.id, state: refunds[0]?.state }, message: "The bank was asked to return the money to the card." })
}
