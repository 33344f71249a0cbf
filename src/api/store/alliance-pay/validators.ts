import { z } from "@medusajs/framework/zod"

/** Medusa's cart ids: `cart_` and a ULID. Anything else is refused before any lookup. */
export const StoreAlliancePayCartParams = z.object({ id: z.string().regex(/^cart_[0-9A-Za-z]{10,40}$/, { message: "id must be a cart id (cart_…)" }) })

/** The payment-status route takes no query parameters: anything sent is a mistake. */
export const StoreAlliancePayNoQuery = z.object({}).strict()
export type StoreAlliancePayNoQueryType = z.infer<typeof StoreAlliancePayNoQuery>
