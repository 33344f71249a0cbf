import { MedusaError } from "@medusajs/framework/utils"
import { AlliancePayError, MoneyError } from "../../core/bank"
import { RefundOutcomeUnknownError, RefundRefusedError } from "../../modules/alliance-pay/service"

type LogFn = (message: string) => void

/**
 * Bank and input failures as MedusaErrors a storefront or admin can act on: always a 4xx
 * with a sentence, never a stack trace or a secret. Operator-level detail goes to the log.
 */
export function toMedusaError(e: unknown, doing: string, log: LogFn): MedusaError {
  if (e instanceof MedusaError) return e
  if (e instanceof MoneyError) return new MedusaError(MedusaError.Types.INVALID_DATA, `Alliance Pay: ${e.message}`)
  if (e instanceof RefundRefusedError) return new MedusaError(MedusaError.Types.NOT_ALLOWED, `Alliance Pay: ${e.message}`)
  if (e instanceof RefundOutcomeUnknownError) {
    log(`Alliance Pay: ${doing}: outcome unknown: ${e.message}`)
    // 422, not CONFLICT: Medusa answers a conflict with a generic text, and this one must be read
    return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Alliance Pay: ${e.message}`)
  }
  if (e instanceof AlliancePayError) {
    log(`Alliance Pay: ${doing} failed: ${e.message}${e.requestId ? ` (request ${e.requestId})` : ""}`)
    switch (e.kind) {
      case "request":
        return new MedusaError(MedusaError.Types.INVALID_DATA, `Alliance Pay: ${e.msgText}`)
      case "timeout":
      case "transient":
        return new MedusaError(
          MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
          `Alliance Pay is not answering right now (${e.msgCode}); please try again in a moment`
        )
      case "config":
      case "session":
        return new MedusaError(
          MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
          "Alliance Pay is not available: the bank refused the shop's credentials; the shop owner has been told (see the server log)"
        )
      default:
        return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Alliance Pay refused to ${doing}: ${e.msgText} (${e.msgCode})`)
    }
  }
  log(`Alliance Pay: ${doing} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`)
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Alliance Pay could not ${doing}; please try again`)
}
