import { z } from "zod"
import { LANGUAGES, PAYMENT_METHODS, STATUS_PAGE_TYPES } from "../bank"
import { DEFAULT_HOLD_HOURS } from "../bank-state/hold"

/**
 * Checkout options of the payment provider. The bank credentials are options of the
 * `alliancePay` module, shared by the provider, the admin routes and the jobs.
 */
const providerOptionsSchema = z
  .object({
    /** where the bank sends the shopper back; `{cart_id}` and `{session_id}` are filled in */
    successUrl: z.url({ message: "successUrl must be the absolute URL of your storefront's return page, e.g. https://shop.example.ua/checkout/alliancepay?cart_id={cart_id}" }),
    /** defaults to successUrl: the return page asks the backend what happened anyway */
    failUrl: z.url({ message: "failUrl must be an absolute URL" }).optional(),
    /** the public URL of this Medusa backend; callbacks go to {backendUrl}/hooks/payment/alliancepay_{providerId} */
    backendUrl: z.url({ message: "backendUrl must be the public https URL of this Medusa server (the bank calls it back)" }).optional(),
    /** a full callback URL instead of backendUrl (at most 255 characters) */
    callbackUrl: z.url({ message: "callbackUrl must be an absolute URL" }).max(255, "callbackUrl is limited to 255 characters by the bank").optional(),
    /** the `id` this provider is registered with in medusa-config (default "alliancepay") */
    providerId: z.string().regex(/^[a-z0-9_-]+$/i, "providerId may only contain letters, digits, - and _").default("alliancepay"),
    paymentMethods: z
      .array(z.enum(PAYMENT_METHODS, { message: `paymentMethods may contain ${PAYMENT_METHODS.join(", ")}` }))
      .min(1, "paymentMethods needs at least one method")
      .default([...PAYMENT_METHODS]),
    statusPageType: z.enum(STATUS_PAGE_TYPES, { message: `statusPageType must be one of ${STATUS_PAGE_TYPES.join(", ")}` }).default("STATUS_TIMER_PAGE"),
    /** how long the bank's payment link stays open (1–1440 minutes) */
    linkLifetimeMinutes: z.number().int().min(1).max(1440, "linkLifetimeMinutes is at most 1440 (24 hours)").default(60),
    defaultLanguage: z.enum(LANGUAGES, { message: `defaultLanguage must be one of ${LANGUAGES.join(", ")}` }).default("uk"),
    /** ask the bank to encrypt callbacks (confidentiality only: we re-read the bank either way) */
    callbackEncryption: z.boolean().default(false),
    /**
     * automatic: the shopper's payment is a one-step sale (PURCHASE). manual: the card is only held
     * (PREAUTH) and the admin's Capture takes the money (COMPLETION, 80–120 % of the hold, once)
     */
    captureMode: z.enum(["automatic", "manual"], { message: 'captureMode must be "automatic" or "manual"' }).default("automatic"),
    /** manual: how long the bank holds the money before releasing it (the bank allows 2 hours to 28 days) */
    holdLifetimeHours: z
      .number({ message: "holdLifetimeHours must be a whole number of hours" })
      .int("holdLifetimeHours must be a whole number of hours")
      .min(3, "holdLifetimeHours is at least 3 (the bank needs at least 2 hours; one more absorbs clock drift)")
      .max(27 * 24, "holdLifetimeHours is at most 648 (the bank allows 28 days; one day less absorbs clock drift)")
      .default(DEFAULT_HOLD_HOURS),
    /** currencies accepted; the bank settles in hryvnia and this plugin takes UAH carts only */
    currencies: z
      .array(z.literal("uah", { message: 'currencies may only contain "uah": Alliance Pay settles in hryvnia, multi-currency is not supported yet' }))
      .min(1)
      .default(["uah"]),
  })
  .refine((o) => o.backendUrl || o.callbackUrl, {
    message: "backendUrl is required (the public URL of this Medusa server, where the bank sends callbacks)",
  })

export type ProviderOptionsInput = z.input<typeof providerOptionsSchema>
export type ProviderOptions = z.output<typeof providerOptionsSchema>

export function parseProviderOptions(raw: unknown): ProviderOptions {
  const parsed = providerOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")
    throw new Error(`Alliance Pay payment provider options are invalid:\n${problems}`)
  }
  const callbackUrl = callbackUrlOf(parsed.data)
  if (callbackUrl.length > 255) {
    throw new Error(`Alliance Pay payment provider options are invalid:\n  - the callback URL ${callbackUrl} is longer than the bank's 255 characters; set a shorter callbackUrl`)
  }
  return parsed.data
}

export function callbackUrlOf(options: ProviderOptions): string {
  return options.callbackUrl ?? `${options.backendUrl!.replace(/\/+$/, "")}/hooks/payment/alliancepay_${options.providerId}`
}

/** Fills `{cart_id}` and `{session_id}` (URL-encoded) in a return URL template. */
export function returnUrl(template: string, values: { cart_id?: string; session_id: string }): string {
  return template
    .replace(/\{cart_id\}/g, encodeURIComponent(values.cart_id ?? ""))
    .replace(/\{session_id\}/g, encodeURIComponent(values.session_id))
}
