import { AsyncLocalStorage } from "node:async_hooks"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** Another holder kept an advisory lock longer than the caller was willing to wait. */
export class LockTimeoutError extends Error {}

/**
 * Locks this async call chain holds: a nested call for the same key runs inside the held lock.
 * Work started inside the lock that outlives it (an event handler, a timer) inherits this store,
 * so each entry says whether its lock is still held: once released, it no longer counts.
 */
const held = new AsyncLocalStorage<ReadonlyMap<string, { held: boolean }>>()

/**
 * Runs `fn` while holding a Postgres advisory lock: one holder across every process that
 * shares the database, released with its transaction even if the process dies. Waiters poll
 * with a try-lock instead of blocking, so they hold no pooled connection while they wait (the
 * holder's own work needs connections from the same pool).
 *
 * Re-entrant within one call chain: a credit memo holds its bank order's refund lock while
 * Medusa's refund workflow calls our provider, which asks for the same lock. Without this the
 * chain would wait on itself; a different request still waits for the holder to finish.
 */
export async function withAdvisoryLock<T>(pg: Knex, key: string, fn: () => Promise<T>, { timeoutMs = 60_000 } = {}): Promise<T> {
  const mine = held.getStore()
  if (mine?.get(key)?.held) return fn()
  const deadline = Date.now() + timeoutMs
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    const trx = await pg.transaction()
    try {
      const { rows } = await trx.raw("select pg_try_advisory_xact_lock(hashtext(?)) as ok", [key])
      if (rows[0]?.ok) {
        const holder = { held: true }
        try {
          const result = await held.run(new Map([...(mine ?? []), [key, holder]]), fn)
          await trx.commit()
          return result
        } finally {
          holder.held = false
        }
      }
    } catch (e) {
      await trx.rollback().catch(() => undefined)
      throw e
    }
    await trx.rollback()
    if (Date.now() > deadline) throw new LockTimeoutError(`Alliance Pay: gave up waiting ${timeoutMs} ms for the lock on ${key}`)
    await new Promise((r) => setTimeout(r, wait))
  }
}

/** The lock under which a bank order's refundable amount is checked and used up, by every path. */
export const refundLockKey = (bankOrderId: string) => `alliancepay:refund:${bankOrderId}`
