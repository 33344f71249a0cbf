import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Whether Medusa already holds what a callback would tell it: the session's payment (captured, when
 * the bank order is) and the order made from its cart. Then the callback needs no workflow run: Medusa's
 * webhook subscriber ignores an answer without a session. Anything less (no payment, no order yet after
 * a failed cart completion) and the callback goes on to Medusa, which finishes the job.
 *
 * One statement over Medusa's tables: it runs for every verified callback, and a bank repeating itself
 * would otherwise cost a workflow run each time.
 */
export async function medusaCarriesPayment(pg: Knex, sessionId: string, { captured }: { captured: boolean }): Promise<boolean> {
  const { rows } = await pg.raw(
    `select p.captured_at is not null as captured,
            exists (select 1 from order_payment_collection o
                     where o.payment_collection_id = ps.payment_collection_id and o.deleted_at is null) as ordered
       from payment_session ps
       join payment p on p.payment_session_id = ps.id and p.deleted_at is null and p.canceled_at is null
      where ps.id = ? and ps.deleted_at is null
      limit 1`,
    [sessionId]
  )
  const row = rows[0] as { captured: boolean; ordered: boolean } | undefined
  return !!row && row.ordered && (row.captured || !captured)
}
