import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bankRefusal } from "./bank-error"

/**
 * Answers a bank failure as its 4xx (and tells the operator's log) when it is one;
 * false for anything else, which the caller rethrows to Medusa's error handler.
 */
export function sendBankRefusal(req: MedusaRequest, res: MedusaResponse, e: unknown, doing: string, extra: object = {}): boolean {
  const refusal = bankRefusal(e)
  if (!refusal) return false
  req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`Alliance Pay: ${doing} failed: ${(e as Error).message}`)
  res.status(refusal.status).json({ ...refusal.body, ...extra })
  return true
}
