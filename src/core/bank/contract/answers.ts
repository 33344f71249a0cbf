import { z } from "zod"

/**
 * Shapes of everything the bank sends, tolerant by design: unknown fields are kept
 * (`.loose()`), documented variants are accepted and normalised, and nulls/empty
 * strings that appear in the bank's own examples do not fail validation.
 */

const str = z.string()
const optStr = z.string().nullish()
/** Amounts are integers; the docs show some as strings ("2500"). */
const coin = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)])

export const PAYMENT_METHODS = ["CARD", "APPLE_PAY", "GOOGLE_PAY"] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
export const STATUS_PAGE_TYPES = ["STATUS_TIMER_PAGE", "STATUS_REDIRECT_MERCHANT_PAGE", "STATUS_PAGE"] as const
export type StatusPageType = (typeof STATUS_PAGE_TYPES)[number]
export const LANGUAGES = ["uk", "en", "es", "de", "pl", "fr", "tr", "it", "nl", "pt"] as const
export type BankLanguage = (typeof LANGUAGES)[number]

export const errorBodySchema = z
  .object({
    msgType: z.enum(["ERROR", "VALIDATION_ERROR"]),
    msgCode: optStr,
    msgText: optStr,
    requestId: optStr,
    serviceId: optStr,
    validation: z.unknown().optional(),
  })
  .loose()
export type BankErrorBody = z.infer<typeof errorBodySchema>

export const ecPublicJwkSchema = z
  .object({ kty: z.literal("EC"), crv: z.literal("P-384"), x: str, y: str })
  .loose()

export const authorizePayloadSchema = z
  .object({
    deviceId: str.min(1),
    refreshToken: str.min(1),
    authToken: optStr,
    serverPublic: ecPublicJwkSchema.optional(),
    // an older EN example names it serverPublicKey
    serverPublicKey: ecPublicJwkSchema.optional(),
    tokenExpirationDateTime: optStr,
    tokenExpiration: optStr,
    sessionExpiration: z.unknown().optional(),
  })
  .loose()
  .refine((p) => p.serverPublic || p.serverPublicKey, { message: "serverPublic is missing" })
  .transform(({ serverPublicKey, ...p }) => ({ ...p, serverPublic: (p.serverPublic ?? serverPublicKey)! }))
export type AuthorizePayload = z.infer<typeof authorizePayloadSchema>

export const transactionResponseInfoSchema = z
  .object({ actionCode: optStr, responseCode: optStr, description: optStr })
  .loose()

export const operationSchema = z
  .object({
    type: str,
    status: str,
    operationId: optStr,
    ecomOperationId: optStr,
    merchantRequestId: optStr,
    transactionType: z.union([z.number(), z.string()]).nullish(),
    coinAmount: coin.nullish(),
    transactionCurrency: z.union([z.string(), z.number().transform(String)]).nullish(),
    rrn: optStr,
    approvalCode: optStr,
    transactionResponseInfo: transactionResponseInfoSchema.nullish(),
    errorDetails: optStr,
    creationDateTime: optStr,
    // EN docs spell it createDateTime on refunds
    createDateTime: optStr,
    modificationDateTime: optStr,
    processingDateTime: optStr,
    paymentServiceType: optStr,
    paymentSystem: optStr,
    cardNumberMask: optStr,
    originalOperationId: optStr,
    originalEcomOperationId: optStr,
    originalCoinAmount: coin.nullish(),
    hppOrderId: optStr,
    /** PREAUTH: when the bank releases the hold; COMPLETION: the hold it completed */
    preAuthExpDate: optStr,
    preauthOperationId: optStr,
  })
  .loose()
  .transform(({ createDateTime, ...op }) => ({ ...op, creationDateTime: op.creationDateTime ?? createDateTime }))
export type BankOperation = z.infer<typeof operationSchema>

const orderFields = {
  hppOrderId: str.min(1),
  ecomOrderId: optStr,
  merchantRequestId: optStr,
  merchantId: optStr,
  hppPayType: optStr,
  orderStatus: str,
  coinAmount: coin,
  currencyCode: z.union([z.string(), z.number().transform(String)]).nullish(),
  paymentMethods: z.array(str).nullish(),
  createDate: optStr,
  expiredOrderDate: optStr,
  redirectUrl: optStr,
  statusUrl: optStr,
  notificationUrl: optStr,
  notificationEncryption: z.union([z.boolean(), z.string()]).nullish(),
}

/** nbuQrCode: the NBU QR link of an A2A order created with generateQrNbu, else null */
export const createOrderResponseSchema = z.object({ ...orderFields, redirectUrl: str.min(1), nbuQrCode: optStr }).loose()
export type CreateOrderResponse = z.infer<typeof createOrderResponseSchema>

/**
 * `operations` arrives as an array (status answer), as a single object named
 * `operations` (EN callback example) or as `operation` (UA callback, SDKs).
 * All three normalise to `operations: BankOperation[]`.
 */
const withOperations = z
  .object({
    ...orderFields,
    operations: z.union([z.array(operationSchema), operationSchema]).nullish(),
    operation: operationSchema.nullish(),
  })
  .loose()
  .transform(({ operation, operations, ...order }) => {
    const list = Array.isArray(operations) ? operations : operations ? [operations] : []
    if (operation) list.push(operation)
    return { ...order, operations: list }
  })

export const orderStatusSchema = withOperations
export type BankOrderStatus = z.infer<typeof orderStatusSchema>

/** A field of a callback that is kept when readable and dropped (undefined) when not. */
const tolerant = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

/** Every readable operation of `operation` / `operations` (object or array); `{}` and junk are skipped. */
function readableOperations(...containers: unknown[]): BankOperation[] {
  const list: BankOperation[] = []
  for (const container of containers) {
    for (const item of Array.isArray(container) ? container : [container]) {
      const parsed = operationSchema.safeParse(item)
      if (parsed.success) list.push(parsed.data)
    }
  }
  return list
}

/**
 * A callback is only a hint naming a bank order to re-read, so it needs nothing but
 * `hppOrderId`: any other field that is missing, empty or malformed (e.g. the UA docs'
 * `"operation": {}`) is dropped instead of dropping the callback.
 */
export const callbackSchema = z
  .object({
    hppOrderId: str.trim().min(1),
    ecomOrderId: tolerant(optStr),
    merchantRequestId: tolerant(optStr),
    merchantId: tolerant(optStr),
    hppPayType: tolerant(optStr),
    orderStatus: tolerant(optStr),
    coinAmount: tolerant(coin.nullish()),
    currencyCode: tolerant(orderFields.currencyCode),
    paymentMethods: tolerant(z.array(str).nullish()),
    createDate: tolerant(optStr),
    expiredOrderDate: tolerant(optStr),
    redirectUrl: tolerant(optStr),
    statusUrl: tolerant(optStr),
    notificationUrl: tolerant(optStr),
    notificationEncryption: tolerant(orderFields.notificationEncryption),
    operations: z.unknown().optional(),
    operation: z.unknown().optional(),
  })
  .loose()
  .transform(({ operation, operations, ...order }) => ({ ...order, operations: readableOperations(operations, operation) }))
export type BankCallback = z.infer<typeof callbackSchema>

export const refundResponseSchema = operationSchema
export type RefundResponse = BankOperation

/** Cyrillic "С" (U+0421) inside Latin keys, as in the docs' senderСountry and SUСCESS. */
export function normaliseHomoglyphs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(normaliseHomoglyphs) as T
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[fixLatin(k)] = normaliseHomoglyphs(v)
    return out as T
  }
  if (typeof value === "string" && /^[A-Z_\u0421]+$/.test(value)) return fixLatin(value) as T
  return value
}

function fixLatin(text: string): string {
  return /[A-Za-z]/.test(text) ? text.replace(/\u0421/g, "C").replace(/\u0441/g, "c") : text
}
