import { z } from "@medusajs/framework/zod"

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
