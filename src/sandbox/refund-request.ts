import { parseBankDate } from "../core/bank/dates"
import { BankError, requestNotCorrect } from "./bank-errors"
import {
  checkHttpUrl,
  checkMerchantComment,
  optionalString,
  parseEncryptionFlag,
  rejectNullOrEmpty,
  requiredString,
} from "./create-order-request"

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

const REFUND_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{2}[+-](0\d|1[0-4]):[0-5]\d$/

/** Validates the decrypted refund body (api §6.3); business checks against the ledger come later. */
export function parseRefund(input: unknown, sessionMerchantId: string, strictComment = true): RefundInput {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw requestNotCorrect("the decrypted body must be a JSON object")
  }
  const body = { ...(input as Record<string, unknown>) }
  // the docs' own refund example sends "notificationUrl": "", so an empty one means "none"
  if (body.notificationUrl === "") delete body.notificationUrl
  rejectNullOrEmpty(body, "")

  const merchantRequestId = requiredString(body, "merchantRequestId", 36)
  const merchantId = requiredString(body, "merchantId", 36)
  const operationId = requiredString(body, "operationId", 64)

  const raw = body.coinAmount
  if (raw === undefined) throw requestNotCorrect("field coinAmount is required")
  // documented as a string ("2500") while every client sends a number: take both
  const coinAmount = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw
  if (typeof coinAmount !== "number" || !Number.isSafeInteger(coinAmount) || coinAmount <= 0) {
    throw requestNotCorrect("field coinAmount must be a positive integer number of kopecks")
  }

  const date = requiredString(body, "date", 40)
  const dateMs = REFUND_DATE.test(date) ? parseBankDate(date) : undefined
  if (dateMs === undefined) throw requestNotCorrect("field date must be formatted YYYY-MM-DD HH:mm:ss.SS±HH:MM")

  const notificationUrl = optionalString(body, "notificationUrl", 255)
  if (notificationUrl !== undefined) checkHttpUrl(notificationUrl, "notificationUrl")
  const notificationEncryption = parseEncryptionFlag(body.notificationEncryption, "notificationEncryption")
  const merchantComment = checkMerchantComment(optionalString(body, "merchantComment", 255), strictComment)

  if (merchantId !== sessionMerchantId) {
    throw new BankError(400, "b_user_merchant_request_mismatch", "@merchantId does not match the device session's merchant")
  }
  return {
    merchantRequestId,
    merchantId,
    operationId,
    coinAmount,
    date,
    dateMs,
    notificationUrl,
    notificationEncryption,
    merchantComment,
  }
}
