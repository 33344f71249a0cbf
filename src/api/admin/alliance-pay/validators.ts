import { z } from "@medusajs/framework/zod"
import { RECORD_STATES } from "../../../core/bank-state"

/** The panel's routes take no query parameters and no body fields: anything sent is a mistake. */
export const AdminAlliancePayNoQuery = z.object({}).strict()
export type AdminAlliancePayNoQueryType = z.infer<typeof AdminAlliancePayNoQuery>

export const AdminAlliancePayEmptyBody = z.object({}).strict()
export type AdminAlliancePayEmptyBodyType = z.infer<typeof AdminAlliancePayEmptyBody>

const MONEY = /^\d{1,10}(\.\d{1,2})?$/

/** An amount a merchant types in: major units with at most two decimals, as text (or a plain number). */
const merchantAmount = (field: string) =>
  z
    .union([z.string().max(32, { message: `${field} must be an amount such as 99.99` }).trim(), z.number()])
    .transform((value) => String(value))
    .pipe(z.string().regex(MONEY, { message: `${field} must be an amount in major units with at most two decimals, e.g. 99.99` }))

/**
 * A credit memo: quantities and the amounts a merchant types in (shipping, adjustments). Item
 * prices and totals are never taken from the request: the server computes them from the order,
 * and a request that carries any (e.g. `amount`, `unit_price`, `total`) is refused whole.
 */
export const AdminCreateCreditMemo = z
  .object({
    mode: z.enum(["online", "offline"]),
    items: z
      .array(z.object({ item_id: z.string().min(1).max(100), quantity: z.number().int().min(0).max(1_000_000) }).strict())
      .max(500)
      .default([]),
    shipping: merchantAmount("shipping").optional(),
    adjustment_refund: merchantAmount("adjustment_refund").optional(),
    adjustment_fee: merchantAmount("adjustment_fee").optional(),
    refund_reason_id: z.string().min(1).max(100).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
export type AdminCreateCreditMemoType = z.infer<typeof AdminCreateCreditMemo>

const isoDay = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, { message: `${field} must be a date such as 2026-12-01` })
    .transform((value) => new Date(value))
    .refine((d) => !Number.isNaN(d.getTime()), { message: `${field} is not a real date` })

const PAYMENT_STATES = RECORD_STATES

/** The payments page: filters, a search, a page. */
export const AdminAlliancePayPaymentsQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    state: z.union([z.enum(PAYMENT_STATES), z.array(z.enum(PAYMENT_STATES)).max(PAYMENT_STATES.length)]).optional(),
    needs_attention: z.enum(["true", "false"]).optional(),
    from: isoDay("from").optional(),
    to: isoDay("to").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type AdminAlliancePayPaymentsQueryType = z.infer<typeof AdminAlliancePayPaymentsQuery>

/** The accountant's export: a date range is required, at most a year. */
export const AdminAlliancePayPaymentsExportQuery = z
  .object({ from: isoDay("from"), to: isoDay("to") })
  .strict()
  .refine((r) => r.from < r.to, { message: "from must be before to" })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 366 * 86_400_000, { message: "export at most one year at a time" })
export type AdminAlliancePayPaymentsExportQueryType = z.infer<typeof AdminAlliancePayPaymentsExportQuery>

/** Mark resolved: what the merchant did about it, kept in the bank order's history. */
export const AdminAlliancePayResolve = z.object({ note: z.string().trim().min(3, "say in a few words what was done").max(1000) }).strict()
export type AdminAlliancePayResolveType = z.infer<typeof AdminAlliancePayResolve>
