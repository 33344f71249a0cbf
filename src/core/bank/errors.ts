/**
 * One error type for everything the bank (or the road to it) can answer.
 * `kind` says what a caller can do about it; nothing here ever carries a secret.
 */
export type AlliancePayErrorKind =
  | "session" // the device session was refused: re-authorize once
  | "transient" // 5xx, overload, network: safe to retry reads later
  | "timeout" // no answer in time: the outcome is unknown
  | "business" // the bank refused the request (amount, status, not found…)
  | "config" // credentials or merchant set-up are wrong: an operator must act
  | "protocol" // the answer could not be read (bad JSON, bad JWE, unexpected shape)
  | "request" // our own request was invalid and was never sent

export interface AlliancePayErrorInit {
  kind: AlliancePayErrorKind
  msgCode: string
  msgText: string
  httpStatus?: number
  requestId?: string
  path?: string
  cause?: unknown
}

export class AlliancePayError extends Error {
  readonly kind: AlliancePayErrorKind
  readonly msgCode: string
  readonly msgText: string
  readonly httpStatus?: number
  readonly requestId?: string
  readonly path?: string

  constructor(init: AlliancePayErrorInit) {
    const where = init.path ? ` on ${init.path}` : ""
    const http = init.httpStatus ? ` (HTTP ${init.httpStatus})` : ""
    super(`Alliance Pay ${init.msgCode}${where}${http}: ${init.msgText}`, { cause: init.cause })
    this.name = "AlliancePayError"
    this.kind = init.kind
    this.msgCode = init.msgCode
    this.msgText = init.msgText
    this.httpStatus = init.httpStatus
    this.requestId = init.requestId
    this.path = init.path
  }

  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      msgCode: this.msgCode,
      msgText: this.msgText,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      path: this.path,
    }
  }
}

/** Codes after which the bank wants a new authorize_virtual_device (api §3.5; both spellings of doesnt_exist). */
const SESSION_CODES = new Set([
  "b_expired_token",
  "b_used_token",
  "b_auth_token_expired",
  "b_previous_auth_token_expired",
  "b_session_doesnt_exist",
  "b_session_doesnt_exists",
  "b_unknown_device",
  "b_virtual_device_not_found",
  "b_refresh_token_absent",
])

const CONFIG_CODES = new Set([
  "b_merchant_not_found",
  "b_terminal_not_found",
  "b_txn_not_allowed",
  "b_user_merchant_request_mismatch",
])

const TRANSIENT_CODES = new Set([
  "b_overload_error",
  "b_server_is_overloaded",
  "b_service_unavailable",
  "b_unknown_error",
])

export function classifyBankCode(msgCode: string, httpStatus?: number): AlliancePayErrorKind {
  if (SESSION_CODES.has(msgCode) || httpStatus === 401) return "session"
  if (CONFIG_CODES.has(msgCode)) return "config"
  if (TRANSIENT_CODES.has(msgCode)) return "transient"
  if (httpStatus !== undefined && httpStatus >= 500 && msgCode !== "b_hpp_order_expired") return "transient"
  return "business"
}

export function isAlliancePayError(e: unknown): e is AlliancePayError {
  return e instanceof AlliancePayError
}
