import { z } from "zod"
import { parseJwk } from "../../core/bank"
import { RECHECK_AFTER_MS } from "../../core/bank-state/recheck"

const PRODUCTION_API_URL = "https://api-ecom-prod.bankalliance.ua"

const SERVICE_CODE_REQUIRED = "serviceCode is required: the UUID the bank issued for your shop"
const MERCHANT_ID_REQUIRED = "merchantId is required: the UUID the bank issued for your shop"
const PRIVATE_KEY_REQUIRED = "merchantPrivateKey is required: the private P-384 JWK (JSON text or object)"

const serviceCode = z.string({ message: SERVICE_CODE_REQUIRED }).trim().min(1, SERVICE_CODE_REQUIRED)
const merchantId = z
  .string({ message: MERCHANT_ID_REQUIRED })
  .trim()
  .min(1, MERCHANT_ID_REQUIRED)
  .max(36, "merchantId is at most 36 characters (a UUID)")

const isMissing = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "")

function checkPrivateKey(value: unknown, ctx: z.RefinementCtx) {
  if (isMissing(value)) {
    ctx.addIssue({ code: "custom", message: PRIVATE_KEY_REQUIRED })
    return
  }
  try {
    const jwk = parseJwk(value, "merchantPrivateKey")
    if (typeof jwk.d !== "string") {
      ctx.addIssue({ code: "custom", message: 'merchantPrivateKey has no "d": give the private JWK, not the public one' })
    }
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message })
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"])

/** https everywhere, except a bank on this machine (the sandbox): plain http never leaves the host there. */
export function isHttpsOrLoopback(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === "https:") return true
  if (parsed.protocol !== "http:") return false
  const host = parsed.hostname.toLowerCase()
  return LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host)
}

/** The bank credentials and how we talk to the bank: options of the `alliancePay` module. */
const moduleOptionsSchema = z.object({
  apiUrl: z
    .url({ message: "apiUrl must be an absolute URL such as https://api-ecom-prod.bankalliance.ua" })
    .refine(isHttpsOrLoopback, {
      message: "apiUrl must use https:// (the device session and refunds travel on it); plain http:// is accepted only for a loopback host such as the sandbox on 127.0.0.1 or localhost",
    })
    .default(PRODUCTION_API_URL),
  serviceCode,
  merchantId,
  // an absent key as null: zod would otherwise answer it with a bare "expected nonoptional"
  merchantPrivateKey: z.preprocess((v) => v ?? null, z.unknown().superRefine(checkPrivateKey)),
  /** per bank call (default 20 s) */
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
  /**
   * Callbacks and shoppers' returns read one bank order at most once per this window, across every
   * process (default 2 s; 0 = a read for each, except for bank orders that can no longer change)
   */
  readWindowMs: z.number().int().min(0).max(60_000).default(2_000),
  /** authorize_virtual_device (default 30 s) */
  authorizeTimeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  /** how long after a link's expiry an unfinished attempt is closed (the bank may still finish it) */
  expiryGraceMs: z.number().int().min(0).max(24 * 3_600_000).default(10 * 60_000),
  /** the reconciler job: bank orders re-read at once, claimed per page, lease of a claim */
  reconcile: z
    .object({
      concurrency: z.number().int().min(1).max(64).default(8),
      pageSize: z.number().int().min(1).max(1000).default(100),
      leaseMs: z.number().int().min(1000).default(120_000),
      /** delay before the 1st, 2nd, … re-read of an open bank order (the last one repeats) */
      recheckAfterMs: z.array(z.number().int().min(0)).min(1).default([...RECHECK_AFTER_MS]),
    })
    .prefault({}),
  /**
   * Money the bank took with no Medusa order to carry it (a replaced payment link paid anyway, a
   * success after the shop gave up on the payment): shown on the payments page as needing
   * attention and, unless disabled, refunded through the bank after `afterMs` (default 1 hour).
   */
  orphanRefund: z
    .object({
      enabled: z.boolean().default(true),
      afterMs: z.number().int().min(0).max(30 * 24 * 3_600_000).default(3_600_000),
    })
    .prefault({}),
  /** renew the device session when it expires within this (the bank suggests every 8–24 h) */
  renewSessionWithinMs: z.number().int().min(60_000).max(24 * 3_600_000).default(12 * 3_600_000),
})

/**
 * The options as read at boot: everything is checked, but the credentials may still be missing,
 * so that `medusa db:migrate` (which loads every module) runs in a deploy pipeline without secrets.
 */
const moduleSettingsSchema = moduleOptionsSchema.extend({
  serviceCode: z.preprocess((v) => (isMissing(v) ? undefined : v), serviceCode.optional()).optional(),
  merchantId: z.preprocess((v) => (isMissing(v) ? undefined : v), merchantId.optional()).optional(),
  merchantPrivateKey: z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      if (!isMissing(value)) checkPrivateKey(value, ctx)
    }),
})

export type ModuleOptionsInput = z.input<typeof moduleOptionsSchema>
export type ModuleOptions = z.output<typeof moduleOptionsSchema>
export type ModuleSettings = z.output<typeof moduleSettingsSchema>

/** Every problem at once, each saying what to fix; secrets are never echoed. */
export function parseModuleOptions(raw: unknown): ModuleOptions {
  return parseWith(moduleOptionsSchema, raw)
}

/** As `parseModuleOptions`, except that missing credentials pass: they are required when the bank is first needed. */
export function parseModuleSettings(raw: unknown): ModuleSettings {
  return parseWith(moduleSettingsSchema, raw)
}

/** The names of the credentials not given (empty when the bank can be called). */
export function missingCredentials(settings: ModuleSettings): string[] {
  return (["serviceCode", "merchantId", "merchantPrivateKey"] as const).filter((name) => isMissing(settings[name]))
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")
    throw new Error(`Alliance Pay module options are invalid:\n${problems}`)
  }
  return parsed.data
}
