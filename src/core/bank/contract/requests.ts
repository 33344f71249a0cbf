import { z } from "zod"
import { PAYMENT_METHODS, STATUS_PAGE_TYPES } from "./answers"

/**
 * What the bank accepts, written once (api §6.1, §6.3, §8, the UA completion page): the client
 * checks every body against these before sending it, and the sandbox refuses a body that fails
 * them with the bank's own `b_request_is_not_correct`, naming the field.
 */

/** The bank's request date: `YYYY-MM-DD HH:mm:ss.SS±HH:MM` (refund and completion `date`, `preAuthExpDate`). */
export const BANK_REQUEST_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{2}[+-](0\d|1[0-4]):[0-5]\d$/
/** merchantComment's documented charset: the bank exports it to its registers. */
export const MERCHANT_COMMENT_CHARSET = /^[a-zA-Z0-9 ,.;:@#$%'\-=+]*$/
export const BANK_CURRENCIES = ["980", "978", "840"] as const
/** PREAUTH: the bank reverses an uncompleted hold at preAuthExpDate, 2 h to 28 days ahead (UA create-order). */
export const PREAUTH_MIN_MS = 2 * 3600_000
export const PREAUTH_MAX_MS = 28 * 24 * 3600_000

export function preAuthExpiryAllowed(atMs: number, nowMs: number): boolean {
  const ahead = atMs - nowMs
  return Number.isFinite(atMs) && ahead >= PREAUTH_MIN_MS && ahead <= PREAUTH_MAX_MS
}

const absent = (input: unknown) => input === undefined
const text = (max: number) =>
  z.string({ error: (i) => (absent(i.input) ? "is required" : "must be a string") }).max(max, `must be at most ${max} characters`)

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}
const httpUrl = (max: number) => text(max).refine(isHttpUrl, "must be an absolute http(s) URL")

const positiveKopecks = z
  .number({ error: (i) => (absent(i.input) ? "is required" : "must be a positive integer number of kopecks") })
  .refine((v) => Number.isSafeInteger(v) && v > 0, "must be a positive integer number of kopecks")
/** Refund and completion amounts: documented as a string ("2500") while every client sends a number. */
const kopecksNumberOrDigits = z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), positiveKopecks)

/** notificationEncryption travels as a boolean or as the text "true"/"false". */
const encryptionFlag = z
  .union([z.boolean(), z.enum(["true", "false"])], { error: "must be true or false" })
  .transform((v) => v === true || v === "true")

const bankDate = text(40).regex(BANK_REQUEST_DATE, "must be formatted YYYY-MM-DD HH:mm:ss.SS±HH:MM")

const LETTERS = "a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ"
const NAME = new RegExp(`^[${LETTERS}](?:[${LETTERS}\\s\\-']*[${LETTERS}])?$`)
const PLACEHOLDER_NAMES = new Set(["NULL", "3D SECURE", "SURNAME", "CARDHOLDER", "UNKNOWN"])
const personName = text(30).refine(
  (v) => NAME.test(v) && !/^\d+$/.test(v) && !PLACEHOLDER_NAMES.has(v.toUpperCase()),
  "must be 1-30 letters or digits, with space, hyphen or apostrophe only inside, and not a placeholder"
)
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** §8: the shopper as the bank's antifraud reads them. */
export const customerDataSchema = z
  .object(
    {
      senderCustomerId: text(255),
      senderFirstName: personName.optional(),
      senderLastName: personName.optional(),
      senderMiddleName: personName.optional(),
      senderEmail: text(256).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be a valid e-mail").optional(),
      senderCountry: text(3).regex(/^\d{3}$/, "must be a 3-digit ISO 3166-1 numeric code such as 804").optional(),
      senderRegion: text(255).optional(),
      senderCity: text(25).optional(),
      senderStreet: text(35).optional(),
      senderAdditionalAddress: text(255).optional(),
      senderZipCode: text(50).optional(),
      senderPhone: text(20).regex(/^\d+$/, "must contain digits only (no +, spaces or dashes)").optional(),
      senderIp: text(50).regex(IPV4, "must be an IPv4 address").optional(),
      senderBirthday: text(50).optional(),
      senderGender: text(50).optional(),
      senderItn: text(20).optional(),
      senderPassport: text(255).optional(),
    },
    { error: (i) => (absent(i.input) ? "is required" : "must be an object") }
  )
  .strip()

/** §6.1 create-order. Unknown fields pass through: the bank ignores what it does not use. */
export const createOrderRequestSchema = z
  .object({
    merchantRequestId: text(36),
    merchantId: text(36),
    hppPayType: text(50),
    preAuthExpDate: bankDate.optional(),
    coinAmount: positiveKopecks,
    currencyCode: z
      .preprocess((v) => (typeof v === "number" ? String(v) : v), z.enum(BANK_CURRENCIES, { error: `must be one of ${BANK_CURRENCIES.join(", ")}` }))
      .optional(),
    paymentMethods: z
      .array(z.enum(PAYMENT_METHODS, { error: `must contain only ${PAYMENT_METHODS.join(", ")}` }), {
        error: (i) => (absent(i.input) ? "is required" : "must be a non-empty array"),
      })
      .min(1, "must be a non-empty array"),
    successUrl: httpUrl(1000),
    failUrl: httpUrl(1000),
    statusPageType: z.enum(STATUS_PAGE_TYPES, {
      error: (i) => (absent(i.input) ? "is required" : `must be one of ${STATUS_PAGE_TYPES.join(", ")}`),
    }),
    notificationUrl: httpUrl(255).optional(),
    notificationEncryption: encryptionFlag.optional(),
    expirationTimeMinutes: z
      .number({ error: "must be an integer between 1 and 1440" })
      .int("must be an integer between 1 and 1440")
      .min(1, "must be an integer between 1 and 1440")
      .max(1440, "must be an integer between 1 and 1440")
      .optional(),
    language: text(50).optional(),
    purpose: text(255).optional(),
    merchantComment: text(255).optional(),
    customerData: customerDataSchema,
  })
  .loose()

/** §6.3 refund, the decrypted body. */
export const refundRequestSchema = z
  .object({
    merchantRequestId: text(36),
    merchantId: text(36),
    operationId: text(64),
    coinAmount: kopecksNumberOrDigits,
    date: bankDate,
    notificationUrl: httpUrl(255).optional(),
    notificationEncryption: encryptionFlag.optional(),
    merchantComment: text(255).optional(),
  })
  .loose()

/** COMPLETION of a PREAUTH hold, the decrypted body (UA/EN "Completion request"). */
export const completionRequestSchema = z
  .object({
    merchantRequestId: text(36),
    merchantId: text(36),
    originalOperationId: text(64),
    coinAmount: kopecksNumberOrDigits,
    date: bankDate,
    notificationUrl: httpUrl(1000).optional(),
    notificationEncryption: encryptionFlag.optional(),
    merchantComment: text(255).optional(),
    comment: text(1000).optional(),
    purpose: text(255).optional(),
  })
  .loose()

export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>
export type RefundRequest = z.infer<typeof refundRequestSchema>
export type CompletionRequest = z.infer<typeof completionRequestSchema>

/** The first rule a body breaks, in the bank's words: "field customerData.senderPhone must contain digits only …". */
export function requestProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  const path = issue.path.filter((p) => typeof p === "string").join(".")
  return path ? `field ${path} ${issue.message}` : issue.message
}
