import { LANGUAGES, type BankLanguage, type PaymentMethod, type StatusPageType } from "../core/bank/contract/answers"
import { createOrderRequestSchema, preAuthExpiryAllowed } from "../core/bank/contract/requests"
import { parseA2AFields, withoutDocumentedNulls, type A2AFields } from "./a2a-request"
import { BankError, requestNotCorrect } from "./bank-errors"
import { bankDateMs, checkMerchantComment, readBody, requireSessionMerchant } from "./request-rules"

export interface CreateOrderInput {
  merchantRequestId: string
  merchantId: string
  hppPayType: "PURCHASE" | "PREAUTH" | "A2A"
  /** A2A only: the pay-by-bank fields (directType BANK_LINK, QR, priority bank) */
  a2a?: A2AFields
  /** PREAUTH only: epoch ms of preAuthExpDate */
  preAuthExpMs?: number
  coinAmount: number
  currencyCode?: string
  paymentMethods: PaymentMethod[]
  language: BankLanguage
  statusPageType: StatusPageType
  successUrl: string
  failUrl: string
  notificationUrl?: string
  notificationEncryption: boolean
  expirationTimeMinutes?: number
  purpose?: string
  merchantComment?: string
  customerData: Record<string, string>
}

const isLanguage = (text: string | undefined): text is BankLanguage => LANGUAGES.some((l) => l === text)

/** "дата та час до автоматичного реверса": at least 2 h and at most 28 days ahead (UA create-order). */
function preAuthExpiry(text: string | undefined, now: number): number {
  if (text === undefined) throw requestNotCorrect("field preAuthExpDate is required")
  const at = bankDateMs(text, "preAuthExpDate")
  if (!preAuthExpiryAllowed(at, now)) throw requestNotCorrect("field preAuthExpDate must be at least 2 hours and at most 28 days ahead")
  return at
}

/** Validates a create-order body as the bank does (the contract's rules, then this merchant's set-up); throws the bank's error. */
export function parseCreateOrder(input: unknown, sessionMerchantId: string, strictComment = true, now = Date.now()): CreateOrderInput {
  const body = readBody(createOrderRequestSchema, withoutDocumentedNulls(input), "body")
  const hppPayType = body.hppPayType
  if (hppPayType !== "PURCHASE" && hppPayType !== "PREAUTH" && hppPayType !== "A2A") {
    throw new BankError(400, "b_txn_not_allowed", `@Transaction type ${hppPayType} is not allowed for this merchant`)
  }
  const preAuthExpMs = hppPayType === "PREAUTH" ? preAuthExpiry(body.preAuthExpDate, now) : undefined
  const a2a = parseA2AFields(body, hppPayType)
  if (!a2a && body.directType !== undefined && body.directType !== "REDIRECT") {
    throw new BankError(400, "b_txn_not_allowed", "@Only directType REDIRECT is enabled for this merchant")
  }
  if (body.hppTryMode !== undefined && body.hppTryMode !== "ONE_TRY") {
    throw new BankError(400, "b_txn_not_allowed", "@Only hppTryMode ONE_TRY is enabled for this merchant")
  }
  const merchantComment = checkMerchantComment(body.merchantComment, strictComment)
  requireSessionMerchant(body.merchantId, sessionMerchantId)

  return {
    merchantRequestId: body.merchantRequestId,
    merchantId: body.merchantId,
    hppPayType,
    ...(a2a ? { a2a } : {}),
    preAuthExpMs,
    coinAmount: body.coinAmount,
    currencyCode: body.currencyCode,
    paymentMethods: [...new Set(body.paymentMethods)],
    // the bank quietly falls back to Ukrainian for a language it does not know
    language: isLanguage(body.language) ? body.language : "uk",
    statusPageType: body.statusPageType,
    successUrl: body.successUrl,
    failUrl: body.failUrl,
    notificationUrl: body.notificationUrl,
    notificationEncryption: body.notificationEncryption ?? false,
    expirationTimeMinutes: body.expirationTimeMinutes,
    purpose: body.purpose,
    merchantComment,
    customerData: Object.fromEntries(Object.entries(body.customerData).filter((e): e is [string, string] => typeof e[1] === "string")),
  }
}
