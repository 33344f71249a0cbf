import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule, orderBankOrders } from "../../../../../../workflows/admin-views"
import { describeCreditMemo, orderRefundState, presentCreditMemo, presentOrderCreditMemos } from "../../../../../../workflows/credit-memo"
import type { CreateCreditMemoResponse } from "../../../../../../workflows/credit-memo"
import { createCreditMemo } from "../../../../../../workflows/credit-memo/create"
import { LockTimeoutError } from "../../../../../../modules/alliance-pay/service"
import type { AdminCreateCreditMemoType } from "../../../validators"

/** The order's credit memos, per-item refunded quantities and what is left to refund (no bank call). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await orderBankOrders(req.scope, req.params.id)
  res.json({ credit_memos: presentOrderCreditMemos(await orderRefundState(req.scope, req.params.id)) })
}

/**
 * Creates a credit memo, online (the bank returns the money) or offline (recorded only). A bank
 * refusal is a 422 with the bank's reason and the failed memo; every other refusal is a 4xx that
 * recorded nothing.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCreditMemoType>, res: MedusaResponse) {
  const orderId = req.params.id
  await orderBankOrders(req.scope, orderId)
  let created
  try {
    created = await createCreditMemo(req.scope, { ...req.validatedBody, order_id: orderId, created_by: req.auth_context?.actor_id ?? null })
  } catch (e) {
    if (!(e instanceof LockTimeoutError)) throw e
    res.status(409).json({ type: "busy", message: "Another credit memo of this order is still being made; try again in a moment." })
    return
  }
  const memo = presentCreditMemo(await alliancePayModule(req.scope).retrieveCreditMemo(created.id, { relations: ["lines"] }))
  const answer: CreateCreditMemoResponse = {
    credit_memo: memo,
    message: describeCreditMemo(memo),
    credit_memos: presentOrderCreditMemos(await orderRefundState(req.scope, orderId)),
  }
  if (memo.status === "failed") res.status(422).json({ type: "bank_refused", ...answer })
  else res.json(answer)
}
