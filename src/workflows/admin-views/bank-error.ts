import { AlliancePayError } from "../../core/bank"
import { LockTimeoutError, RefundOutcomeUnknownError, RefundRefusedError } from "../../modules/alliance-pay/service"
import type { AdminErrorBody } from "./types"

export interface AdminRefusal {
  status: number
  body: AdminErrorBody
}

/**
 * A failure of the bank (or of waiting for it) as a 4xx the admin can act on, never a 5xx:
 * 424 when the bank did not answer usefully, 422 when it refused us, 409 when another check
 * holds the order. Texts carry the bank's code and words, never a token or key.
 */
export function bankRefusal(e: unknown): AdminRefusal | undefined {
  if (e instanceof LockTimeoutError) {
    return { status: 409, body: { type: "busy", message: "Another status check of this payment is still running; try again in a moment." } }
  }
  if (e instanceof RefundRefusedError) return { status: 400, body: { type: "not_allowed", message: `Alliance Pay: ${e.message}` } }
  if (e instanceof RefundOutcomeUnknownError) return { status: 409, body: { type: "refund_outcome_unknown", message: `Alliance Pay: ${e.message}` } }
  if (!(e instanceof AlliancePayError)) return undefined
  const code = `${e.msgCode}: ${e.msgText}`
  switch (e.kind) {
    case "timeout":
    case "transient":
      return {
        status: 424,
        body: { type: "bank_unreachable", message: `Alliance Pay is not answering (${code}). Nothing was changed; try again in a minute.` },
      }
    case "protocol":
      return {
        status: 424,
        body: { type: "bank_unreadable", message: `Alliance Pay sent an answer that could not be read (${code}). Nothing was changed.` },
      }
    case "session":
    case "config":
      return {
        status: 422,
        body: {
          type: "bank_session_rejected",
          message: `Alliance Pay rejected the shop's connection (${code}). Check the service code, merchant id and private key in the plugin options.`,
        },
      }
    case "request":
      return { status: 400, body: { type: "invalid_data", message: `Alliance Pay: ${e.msgText}` } }
    default:
      return { status: 422, body: { type: "bank_refused", message: `Alliance Pay refused the request (${code}).` } }
  }
}
