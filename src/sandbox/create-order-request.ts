import {
  LANGUAGES,
  PAYMENT_METHODS,
  STATUS_PAGE_TYPES,
  type BankLanguage,
  type PaymentMethod,
  type StatusPageType,
} from "../lib/alliance-pay/schemas"
import { parseBankDate } from "../lib/alliance-pay/dates"
import { parseA2AFields, withoutDocumentedNulls, type A2AFields } from "./a2a-request"
import { BankError, requestNotCorrect } from "./bank-errors"

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

const ALNUM = "a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ"
const NAME = new RegExp(`^[${ALNUM}](?:[${ALNUM}\\s\\-']*[${ALNUM}])?$`)
const PLACEHOLDER_NAMES = new Set(["NULL", "3D SECURE", "SURNAME", "CARDHOLDER", "UNKNOWN"])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const CURRENCIES = new Set(["980", "978", "840"])
/** The bank's request date format (refund and completion `date`, `preAuthExpDate`). */
export const BANK_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{2}[+-](0\d|1[0-4]):[0-5]\d$/

/** The bank refuses any present field that is null or "" (api §6.1), however deep. */
export function rejectNullOrEmpty(value: unknown, path: string): void {
  if (value === null || value === "") throw requestNotCorrect(`field ${path} must not be null or empty`)
  if (Array.isArray(value)) value.forEach((v, i) => rejectNullOrEmpty(v, `${path}[${i}]`))
  else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) rejectNullOrEmpty(v, path ? `${path}.${k}` : k)
  }
}

export function requiredString(body: Record<string, unknown>, key: string, max: number, path = key): string {
  const value = body[key]
  if (value === undefined) throw requestNotCorrect(`field ${path} is required`)
  return checkString(value, path, max)
}

export function optionalString(body: Record<string, unknown>, key: string, max: number, path = key): string | undefined {
  const value = body[key]
  return value === undefined ? undefined : checkString(value, path, max)
}

function checkString(value: unknown, path: string, max: number): string {
  if (typeof value !== "string") throw requestNotCorrect(`field ${path} must be a string`)
  if (value.length > max) throw requestNotCorrect(`field ${path} must be at most ${max} characters`)
  return value
}

export function checkHttpUrl(value: string, path: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw requestNotCorrect(`field ${path} must be an absolute URL`)
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw requestNotCorrect(`field ${path} must be an http(s) URL`)
  }
  return value
}

/** The documented merchantComment charset (api §6.1, §6.3); the bank exports it to its registers. */
const MERCHANT_COMMENT = /^[a-zA-Z0-9 ,.;:@#$%'\-=+]*$/

export function checkMerchantComment(value: string | undefined, strict: boolean): string | undefined {
  if (value !== undefined && strict && !MERCHANT_COMMENT.test(value)) {
    throw requestNotCorrect("field merchantComment may contain only a-zA-Z0-9 and the characters  ,.;:@#$%'-=+")
  }
  return value
}

/** notificationEncryption arrives as a boolean or as the text "true"/"false". */
export function parseEncryptionFlag(value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined
  if (value === true || value === "true") return true
  if (value === false || value === "false") return false
  throw requestNotCorrect(`field ${path} must be true or false`)
}

function checkName(value: string, path: string): void {
  if (value.length > 30 || !NAME.test(value) || /^\d+$/.test(value) || PLACEHOLDER_NAMES.has(value.toUpperCase())) {
    throw requestNotCorrect(
      `field ${path} must be 1-30 letters or digits, with space, hyphen or apostrophe only inside, and not a placeholder`
    )
  }
}

function parseCustomerData(value: unknown): Record<string, string> {
  if (value === undefined) throw requestNotCorrect("field customerData is required")
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw requestNotCorrect("field customerData must be an object")
  }
  const data = value as Record<string, unknown>
  const p = (key: string) => `customerData.${key}`
  const out: Record<string, string> = {}
  out.senderCustomerId = requiredString(data, "senderCustomerId", 255, p("senderCustomerId"))
  const limits: Record<string, number> = {
    senderFirstName: 30,
    senderLastName: 30,
    senderMiddleName: 30,
    senderEmail: 256,
    senderCountry: 3,
    senderRegion: 255,
    senderCity: 25,
    senderStreet: 35,
    senderAdditionalAddress: 255,
    senderZipCode: 50,
    senderPhone: 20,
    senderIp: 50,
    senderBirthday: 50,
    senderGender: 50,
    senderItn: 20,
    senderPassport: 255,
  }
  for (const [key, max] of Object.entries(limits)) {
    const text = optionalString(data, key, max, p(key))
    if (text === undefined) continue
    if (key === "senderFirstName" || key === "senderLastName" || key === "senderMiddleName") checkName(text, p(key))
    if (key === "senderEmail" && !EMAIL.test(text)) throw requestNotCorrect(`field ${p(key)} must be a valid e-mail`)
    if (key === "senderCountry" && !/^\d{3}$/.test(text)) {
      throw requestNotCorrect(`field ${p(key)} must be a 3-digit ISO 3166-1 numeric code such as 804`)
    }
    if (key === "senderPhone" && !/^\d+$/.test(text)) {
      throw requestNotCorrect(`field ${p(key)} must contain digits only (no +, spaces or dashes)`)
    }
    if (key === "senderIp" && !IPV4.test(text)) throw requestNotCorrect(`field ${p(key)} must be an IPv4 address`)
    out[key] = text
  }
  return out
}

/** Validates a create-order body as the bank does (api §6.1, §8); throws the bank's error. */
/** "дата та час до автоматичного реверса": at least 2 h and at most 28 days ahead (UA create-order). */
function parsePreAuthExpDate(body: Record<string, unknown>, now: number): number {
  const text = requiredString(body, "preAuthExpDate", 40)
  const at = BANK_DATE.test(text) ? parseBankDate(text) : undefined
  if (at === undefined) throw requestNotCorrect("field preAuthExpDate must be formatted YYYY-MM-DD HH:mm:ss.SS±HH:MM")
  if (at < now + 2 * 3600_000 || at > now + 28 * 24 * 3600_000) {
    throw requestNotCorrect("field preAuthExpDate must be at least 2 hours and at most 28 days ahead")
  }
  return at
}

export function parseCreateOrder(input: unknown, sessionMerchantId: string, strictComment = true, now = Date.now()): CreateOrderInput {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw requestNotCorrect("the body must be a JSON object")
  }
  const body = withoutDocumentedNulls(input as Record<string, unknown>)
  rejectNullOrEmpty(body, "")

  const merchantRequestId = requiredString(body, "merchantRequestId", 36)
  const merchantId = requiredString(body, "merchantId", 36)
  const hppPayType = requiredString(body, "hppPayType", 50)
  if (hppPayType !== "PURCHASE" && hppPayType !== "PREAUTH" && hppPayType !== "A2A") {
    throw new BankError(400, "b_txn_not_allowed", `@Transaction type ${hppPayType} is not allowed for this merchant`)
  }
  const preAuthExpMs = hppPayType === "PREAUTH" ? parsePreAuthExpDate(body, now) : undefined
  const a2a = parseA2AFields(body, hppPayType)
  if (!a2a && body.directType !== undefined && body.directType !== "REDIRECT") {
    throw new BankError(400, "b_txn_not_allowed", "@Only directType REDIRECT is enabled for this merchant")
  }
  if (body.hppTryMode !== undefined && body.hppTryMode !== "ONE_TRY") {
    throw new BankError(400, "b_txn_not_allowed", "@Only hppTryMode ONE_TRY is enabled for this merchant")
  }

  const coinAmount = body.coinAmount
  if (coinAmount === undefined) throw requestNotCorrect("field coinAmount is required")
  if (typeof coinAmount !== "number" || !Number.isSafeInteger(coinAmount) || coinAmount <= 0) {
    throw requestNotCorrect("field coinAmount must be a positive integer number of kopecks")
  }

  let currencyCode: string | undefined
  if (body.currencyCode !== undefined) {
    currencyCode = String(body.currencyCode)
    if ((typeof body.currencyCode !== "string" && typeof body.currencyCode !== "number") || !CURRENCIES.has(currencyCode)) {
      throw requestNotCorrect("field currencyCode must be one of 980, 978, 840")
    }
  }

  const methods = body.paymentMethods
  if (methods === undefined) throw requestNotCorrect("field paymentMethods is required")
  if (!Array.isArray(methods) || methods.length === 0) {
    throw requestNotCorrect("field paymentMethods must be a non-empty array")
  }
  for (const m of methods) {
    if (!PAYMENT_METHODS.includes(m as PaymentMethod)) {
      throw requestNotCorrect(`field paymentMethods must contain only ${PAYMENT_METHODS.join(", ")}`)
    }
  }
  const paymentMethods = [...new Set(methods as PaymentMethod[])]

  const successUrl = checkHttpUrl(requiredString(body, "successUrl", 1000), "successUrl")
  const failUrl = checkHttpUrl(requiredString(body, "failUrl", 1000), "failUrl")
  const statusPageType = requiredString(body, "statusPageType", 50)
  if (!STATUS_PAGE_TYPES.includes(statusPageType as StatusPageType)) {
    throw requestNotCorrect(`field statusPageType must be one of ${STATUS_PAGE_TYPES.join(", ")}`)
  }

  const notificationUrl = optionalString(body, "notificationUrl", 255)
  if (notificationUrl !== undefined) checkHttpUrl(notificationUrl, "notificationUrl")
  const notificationEncryption = parseEncryptionFlag(body.notificationEncryption, "notificationEncryption") ?? false

  let expirationTimeMinutes: number | undefined
  if (body.expirationTimeMinutes !== undefined) {
    const v = body.expirationTimeMinutes
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 1440) {
      throw requestNotCorrect("field expirationTimeMinutes must be an integer between 1 and 1440")
    }
    expirationTimeMinutes = v
  }

  const languageText = optionalString(body, "language", 50)
  // the bank quietly falls back to Ukrainian for a language it does not know
  const language = LANGUAGES.includes(languageText as BankLanguage) ? (languageText as BankLanguage) : "uk"

  const purpose = optionalString(body, "purpose", 255)
  const merchantComment = checkMerchantComment(optionalString(body, "merchantComment", 255), strictComment)
  const customerData = parseCustomerData(body.customerData)

  if (merchantId !== sessionMerchantId) {
    throw new BankError(400, "b_user_merchant_request_mismatch", "@merchantId does not match the device session's merchant")
  }

  return {
    merchantRequestId,
    merchantId,
    hppPayType,
    ...(a2a ? { a2a } : {}),
    preAuthExpMs,
    coinAmount,
    currencyCode,
    paymentMethods,
    language,
    statusPageType: statusPageType as StatusPageType,
    successUrl,
    failUrl,
    notificationUrl,
    notificationEncryption,
    expirationTimeMinutes,
    purpose,
    merchantComment,
    customerData,
  }
}
