import { completionRequestSchema } from "../core/bank/contract/requests"
import { bankDateMs, checkMerchantComment, readBody, requireSessionMerchant } from "./request-rules"

export interface CompletionInput {
  merchantRequestId: string
  merchantId: string
  /** the PREAUTH's operationId */
  originalOperationId: string
  coinAmount: number
  dateMs: number
  notificationUrl?: string
  notificationEncryption?: boolean
  merchantComment?: string
  comment?: string
  purpose?: string
}

/** Validates the decrypted completion body (UA/EN "Completion request"); ledger checks come later. */
export function parseCompletion(input: unknown, sessionMerchantId: string, strictComment = true): CompletionInput {
  // the docs' own completion example sends "notificationUrl": "", as the refund one does
  const body = readBody(completionRequestSchema, input, "decrypted body", ["notificationUrl"])
  checkMerchantComment(body.merchantComment, strictComment)
  requireSessionMerchant(body.merchantId, sessionMerchantId)
  return {
    merchantRequestId: body.merchantRequestId,
    merchantId: body.merchantId,
    originalOperationId: body.originalOperationId,
    coinAmount: body.coinAmount,
    dateMs: bankDateMs(body.date, "date"),
    notificationUrl: body.notificationUrl,
    notificationEncryption: body.notificationEncryption,
    merchantComment: body.merchantComment,
    comment: body.comment,
    purpose: body.purpose,
  }
}
