import type { z } from "zod"
import { a2aOrderFields, type A2AOrderInput } from "./a2a"
import { buildCustomerData, omitEmpty, type CustomerData, type CustomerInput } from "./customer"
import { formatRefundDate } from "./dates"
import { AlliancePayError } from "./errors"
import { bankComment, bankPurpose } from "./free-text"
import { LANGUAGES, PAYMENT_METHODS, STATUS_PAGE_TYPES, type BankLanguage, type PaymentMethod, type StatusPageType } from "./contract/answers"
import { createOrderRequestSchema, preAuthExpiryAllowed, requestProblem } from "./contract/requests"

/** What the client sends: the inputs callers give, checked against the bank's rules before any call. */

export interface CreateOrderInput {
  /** our idempotency key: persist it before calling, so a lost answer can still be matched */
  merchantRequestId: string
  /** integer kopecks */
  coinAmount: number
  successUrl: string
  failUrl: string
  customer: CustomerInput
  paymentMethods?: PaymentMethod[]
  statusPageType?: StatusPageType
  notificationUrl?: string
  notificationEncryption?: boolean
  expirationTimeMinutes?: number
  language?: string
  purpose?: string
  merchantComment?: string
  currencyCode?: "980" | "978" | "840"
  /** "PREAUTH" holds the money until complete(); "A2A" is paid from a bank app (default "PURCHASE", a one-step sale) */
  hppPayType?: "PURCHASE" | "PREAUTH" | "A2A"
  /** A2A only: QR and priority bank (see a2a.ts) */
  a2a?: A2AOrderInput
  /** PREAUTH: when the bank reverses an uncompleted hold; 2 h to 28 days ahead (default: 7 days) */
  preAuthExpDate?: Date
}

export interface CompletionInput {
  /** new per completion: our idempotency key */
  merchantRequestId: string
  /** the SUCCESS PREAUTH operation's operationId */
  originalOperationId: string
  /** kopecks to take: the bank allows 80 %–120 % of the hold */
  coinAmount: number
  notificationUrl?: string
  notificationEncryption?: boolean
  merchantComment?: string
}

const PREAUTH_DEFAULT_MS = 7 * 24 * 3600_000

export interface RefundInput {
  merchantRequestId: string
  /** the SUCCESS PURCHASE operation's operationId */
  operationId: string
  coinAmount: number
  notificationUrl?: string
  notificationEncryption?: boolean
  merchantComment?: string
}

export function createOrderBody(input: CreateOrderInput, merchantId: string, now: number) {
  const methods = input.paymentMethods ?? [...PAYMENT_METHODS]
  if (!methods.length || methods.some((m) => !PAYMENT_METHODS.includes(m))) {
    throw requestError(`paymentMethods must be a non-empty list of ${PAYMENT_METHODS.join(", ")}`)
  }
  const statusPageType = input.statusPageType ?? "STATUS_TIMER_PAGE"
  if (!STATUS_PAGE_TYPES.includes(statusPageType)) {
    throw requestError(`statusPageType must be one of ${STATUS_PAGE_TYPES.join(", ")}`)
  }
  const minutes = input.expirationTimeMinutes
  if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)) {
    throw requestError("expirationTimeMinutes must be a whole number from 1 to 1440")
  }
  const hppPayType = input.hppPayType ?? "PURCHASE"
  if (hppPayType !== "PURCHASE" && hppPayType !== "PREAUTH" && hppPayType !== "A2A") {
    throw requestError("hppPayType must be PURCHASE, PREAUTH or A2A")
  }
  const merchantComment = bankComment(input.merchantComment)
  let a2a: ReturnType<typeof a2aOrderFields> | undefined
  if (hppPayType === "A2A") {
    try {
      a2a = a2aOrderFields(input.a2a ?? {}, merchantComment, minutes)
    } catch (e) {
      throw requestError((e as Error).message)
    }
  }
  let preAuthExpDate: string | undefined
  if (hppPayType === "PREAUTH") {
    const at = input.preAuthExpDate?.getTime() ?? now + PREAUTH_DEFAULT_MS
    if (!preAuthExpiryAllowed(at, now)) {
      throw requestError("preAuthExpDate must be at least 2 hours and at most 28 days ahead")
    }
    preAuthExpDate = formatRefundDate(new Date(at))
  }
  let customerData: CustomerData
  try {
    customerData = buildCustomerData(input.customer)
  } catch (e) {
    throw requestError((e as Error).message)
  }
  const body = omitEmpty({
    merchantRequestId: input.merchantRequestId,
    merchantId,
    hppPayType,
    ...a2a,
    preAuthExpDate,
    coinAmount: input.coinAmount,
    currencyCode: input.currencyCode,
    paymentMethods: methods,
    statusPageType,
    successUrl: input.successUrl,
    failUrl: input.failUrl,
    notificationUrl: input.notificationUrl,
    notificationEncryption: input.notificationEncryption ? "true" : undefined,
    expirationTimeMinutes: a2a?.expirationTimeMinutes ?? minutes,
    language: bankLanguage(input.language),
    purpose: bankPurpose(input.purpose),
    merchantComment,
    customerData,
  })
  checkRequest(createOrderRequestSchema, body)
  return body
}

/** Every body we send is held to the bank's contract first: a broken rule never leaves this process. */
export function checkRequest(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw requestError(requestProblem(parsed.error))
}

function requestError(msgText: string) {
  return new AlliancePayError({ kind: "request", msgCode: "client_invalid_request", msgText })
}

export function requireText(value: unknown, name: string, max?: number) {
  if (typeof value !== "string" || !value.trim()) throw requestError(`${name} is required`)
  if (max !== undefined && value.length > max) throw requestError(`${name} must be at most ${max} characters`)
}

function bankLanguage(language: string | undefined): BankLanguage | undefined {
  const code = language?.trim().toLowerCase().slice(0, 2)
  if (code === "ua") return "uk"
  return LANGUAGES.find((l) => l === code)
}
