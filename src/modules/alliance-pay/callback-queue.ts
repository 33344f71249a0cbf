import type { Knex } from "@medusajs/framework/mikro-orm/knex"

const TABLE = "alliancepay_bank_order"

/**
 * A marker older than this no longer proves an event is waiting (its emit may have been lost, or the
 * worker is far behind): the next callback queues another. A second event for one bank order is
 * harmless, only slower; a callback dropped with no event left to answer it would be lost.
 */
export const QUEUED_CALLBACK_STALE_MS = 60_000

/** queued: this callback's event is the one that will run; already_queued: one not yet started waits in the queue */
export type CallbackQueueClaim = "queued" | "already_queued" | "unknown"

/**
 * Medusa's webhook route turns every callback into an event the worker handles one by one. Callbacks
 * for a bank order that arrive while one of its events still waits add nothing: that event re-reads the
 * bank when it starts, after they arrived (see read-throttle.ts), so only the first is queued. The
 * worker clears the marker as its event starts (releaseCallbackQueue), before it asks the bank, so a
 * callback that arrives later queues a new event. One statement; the row lock settles a race.
 */
export async function claimCallbackQueue(pg: Knex, hppOrderId: string): Promise<CallbackQueueClaim> {
  const { rows } = await pg.raw(
    `with target as (select id from ${TABLE} where hpp_order_id = ? and deleted_at is null),
          claimed as (
            update ${TABLE} set callback_queued_at = clock_timestamp()
             where id = (select id from target)
               and (callback_queued_at is null or callback_queued_at <= clock_timestamp() - (? * interval '1 millisecond'))
             returning id)
     select exists (select 1 from target) as known, exists (select 1 from claimed) as claimed`,
    [hppOrderId, QUEUED_CALLBACK_STALE_MS]
  )
  const row = rows[0] as { known: boolean; claimed: boolean }
  if (!row.known) return "unknown"
  return row.claimed ? "queued" : "already_queued"
}

/** The queued event has started (or was never queued): the next callback queues its own. */
export async function releaseCallbackQueue(pg: Knex, where: { id: string } | { hppOrderId: string }): Promise<void> {
  const query = pg(TABLE).whereNotNull("callback_queued_at")
  if ("id" in where) query.where({ id: where.id })
  else query.where({ hpp_order_id: where.hppOrderId })
  await query.update({ callback_queued_at: null })
}
