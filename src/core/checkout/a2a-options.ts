import { z } from "zod"
import { A2A_MIN_LINK_MINUTES, PRIORITY_BANK_CODES } from "../bank"

/**
 * What pay-by-bank adds to the card provider's options (successUrl, backendUrl, … are the same;
 * see ./options.ts). The bank's rules: link lifetime ≥ 60 minutes, merchantComment
 * of 14–255 characters, a priority bank from its directory.
 */
export const a2aOptionsSchema = z.object({
  /** the bank app the deep link opens; ALL_BANKS: the bank's page listing every bank (default) */
  priorityBankCode: z
    .enum(PRIORITY_BANK_CODES, { message: `priorityBankCode must be one of the bank's directory: ${PRIORITY_BANK_CODES.join(", ")}` })
    .default("ALL_BANKS"),
  /** ask the bank for the NBU QR (nbuQrCode) that desktop shoppers scan with their phone */
  nbuQr: z.boolean().default(true),
  /** NBU category/goal of the transfer, e.g. MP2B/OTHR (the bank's default when absent) */
  paymentCategoryGoal: z.string().regex(/^[A-Z0-9]{4}\/[A-Z0-9]{4}$/, "paymentCategoryGoal looks like MP2B/OTHR").optional(),
  /** merchantComment (in the bank's registers); {cart_id} is filled in; made at least 14 characters */
  comment: z.string().min(1).max(200).default("Payment for cart {cart_id}"),
  linkLifetimeMinutes: z
    .number()
    .int()
    .min(A2A_MIN_LINK_MINUTES, `linkLifetimeMinutes must be at least ${A2A_MIN_LINK_MINUTES} for pay-by-bank (the bank's A2A minimum)`)
    .max(1440)
    .default(A2A_MIN_LINK_MINUTES),
})

export type A2AOptionsInput = z.input<typeof a2aOptionsSchema>
export type A2AOptions = z.output<typeof a2aOptionsSchema>

export function parseA2AOptions(raw: unknown): A2AOptions {
  const parsed = a2aOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")
    throw new Error(`Alliance Pay pay-by-bank (A2A) provider options are invalid:\n${problems}`)
  }
  return parsed.data
}
