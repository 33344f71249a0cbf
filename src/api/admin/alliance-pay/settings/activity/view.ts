import { z } from "@medusajs/framework/zod"

const time = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString())

/**
 * What Settings → Alliance Pay shows of the plugin's background work. The answer is parsed
 * through this schema, so only these fields ever leave the server (no session, token or key).
 */
export const AlliancePayActivityView = z
  .object({
    last_callback: z
      .object({
        received_at: time,
        hpp_order_id: z.string().nullable(),
        outcome: z.enum(["verified", "unverified", "retry"]),
      })
      .nullable(),
    reconciler: z
      .object({
        started_at: time,
        finished_at: time,
        outcome: z.enum(["completed", "failed"]),
        checked: z.number().int(),
        changed: z.number().int(),
        failed: z.number().int(),
        error: z.string().nullable(),
      })
      .nullable(),
    backlog: z.object({
      due: z.number().int(),
      followed: z.number().int(),
      oldest_due_at: time.nullable(),
    }),
  })
  .strip()

export type AlliancePayActivityViewType = z.output<typeof AlliancePayActivityView>
