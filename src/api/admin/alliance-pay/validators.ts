import { z } from "@medusajs/framework/zod"

/** The panel's routes take no query parameters and no body fields: anything sent is a mistake. */
export const AdminAlliancePayNoQuery = z.object({}).strict()
export type AdminAlliancePayNoQueryType = z.infer<typeof AdminAlliancePayNoQuery>

export const AdminAlliancePayEmptyBody = z.object({}).strict()
export type AdminAlliancePayEmptyBodyType = z.infer<typeof AdminAlliancePayEmptyBody>
