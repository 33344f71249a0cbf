import { z } from "zod"
import { parseJwk } from "../../lib/alliance-pay"
import { RECHECK_AFTER_MS } from "../../lib/bank-state/recheck"

export const PRODUCTION_API_URL = "https://api-ecom-prod.bankalliance.ua"

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
export const moduleOptionsSchema = z.object({
  apiUrl: z
    .url({ message: "apiUrl must be an absolute URL such as https://api-ecom-prod.bankalliance.ua" })
    .refine(isHttpsOrLoopback, {
      message: "apiUrl must use https:// (the device session and refunds travel on it); plain http:// is accepted only for a loopback host such as the sandbox on 127.0.0.1 or localhost",
    })
    .default(PRODUCTION_API_URL),
  serviceCode: z
    .string({ message: "serviceCode is required: the UUID the bank issued for your shop" })
    .trim()
    .min(1, "serviceCode is required: the UUID the bank issued for your shop"),
  merchantId: z
    .string({ message: "merchantId is required: the UUID the bank issued for your shop" })
    .trim()
    .min(1, "merchantId is required: the UUID the bank issued for your shop")
    .max(36, "merchantId is at most 36 characters (a UUID)"),
  merchantPrivateKey: z.unknown().superRefine((value, ctx) => {
    if (value === undefined || value === null || value === "") {
      ctx.addIssue({ code: "custom", message: "merchantPrivateKey is required: the private P-384 JWK (JSON text or object)" })
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
  }),
  /** per bank call (default 20 s) */
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
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
  /** renew the device session when it expires within this (the bank suggests every 8–24 h) */
  renewSessionWithinMs: z.number().int().min(60_000).max(24 * 3_600_000).default(12 * 3_600_000),
})

export type ModuleOptionsInput = z.input<typeof moduleOptionsSchema>
export type ModuleOptions = z.output<typeof moduleOptionsSchema>

/** Every problem at once, each saying what to fix; secrets are never echoed. */
export function parseModuleOptions(raw: unknown): ModuleOptions {
  const parsed = moduleOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")
    throw new Error(`Alliance Pay module options are invalid:\n${problems}`)
  }
  return parsed.data
}
