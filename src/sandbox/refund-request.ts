import { refundRequestSchema } from "../core/bank/contract/requests"
import { bankDateMs, checkMerchantComment, readBody, requireSessionMerchant } from "./request-rules"

export interface RefundInput {
  merchantRequestId: string
  merchantId: string
  operationId: string
  coinAmount: number
  date: string
  dateMs: number
  notificationUrl?: string
  notificationEncryption?: boolean
  merchantComment?: string
}

/** Validates the decrypted refund body (api §6.3); business checks against the ledger come later. */
export function parseRefund(input: unknown, sessionMerchantId: string, strictComment = true): RefundInput {
  // the docs' own refund example sends "notificationUrl": "", so an empty one means "none"
  const body = readBody(refundRequestSchema, input, "decrypted body", ["notificationUrl"])
  checkMerchantComment(body.merchantComment, strictComment)
  requireSessionMerchant(body.merchantId, sessionMerchantId)
  return {
    merchantRequestId: body.merchantRequestId,
    merchantId: body.merchantId,
    operationId: body.operationId,
    coinAmount: body.coinAmount,
    date: body.date,
    dateMs: bankDateMs(body.date, "date"),
    notificationUrl: body.notificationUrl,
    notificationEncryption: body.notificationEncryption,
    merchantComment: body.merchantComment,
  }
}
