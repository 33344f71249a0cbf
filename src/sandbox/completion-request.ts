import { parseBankDate } from "../core/bank/dates"
import { BankError, requestNotCorrect } from "./bank-errors"
import {
  BANK_DATE,
  checkHttpUrl,
  checkMerchantComment,
  optionalString,
  parseEncryptionFlag,
  rejectNullOrEmpty,
  requiredString,
} from "./create-order-request"

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
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw requestNotCorrect("the decrypted body must be a JSON object")
  }
  const body = { ...(input as Record<string, unknown>) }
  // the docs' own completion example sends "notificationUrl": "", as the refund one does
  if (body.notificationUrl === "") delete body.notificationUrl
  rejectNullOrEmpty(body, "")

  const merchantRequestId = requiredString(body, "merchantRequestId", 36)
  const merchantId = requiredString(body, "merchantId", 36)
  const originalOperationId = requiredString(body, "originalOperationId", 64)
  const raw = body.coinAmount
  if (raw === undefined) throw requestNotCorrect("field coinAmount is required")
  const coinAmount = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw
  if (typeof coinAmount !== "number" || !Number.isSafeInteger(coinAmount) || coinAmount <= 0) {
    throw requestNotCorrect("field coinAmount must be a positive integer number of kopecks")
  }
  const date = requiredString(body, "date", 40)
  const dateMs = BANK_DATE.test(date) ? parseBankDate(date) : undefined
  if (dateMs === undefined) throw requestNotCorrect("field date must be formatted YYYY-MM-DD HH:mm:ss.SS±HH:MM")

  const notificationUrl = optionalString(body, "notificationUrl", 1000)
  if (notificationUrl !== undefined) checkHttpUrl(notificationUrl, "notificationUrl")
  const notificationEncryption = parseEncryptionFlag(body.notificationEncryption, "notificationEncryption")
  const merchantComment = checkMerchantComment(optionalString(body, "merchantComment", 255), strictComment)
  const comment = optionalString(body, "comment", 1000)
  const purpose = optionalString(body, "purpose", 255)

  if (merchantId !== sessionMerchantId) {
    throw new BankError(400, "b_user_merchant_request_mismatch", "@merchantId does not match the device session's merchant")
  }
  return { merchantRequestId, merchantId, originalOperationId, coinAmount, dateMs, notificationUrl, notificationEncryption, merchantComment, comment, purpose }
}
