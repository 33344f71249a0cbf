import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { BankOrderRecord } from "./types"

export interface ReadThrottleDeps {
  pg: Knex
  /** one bank order is never read by two processes within this window (module option readWindowMs) */
  windowMs: number
  /** how long a request waits for someone else's read before it asks the bank itself */
  waitMs: number
  retrieve: (id: string) => Promise<BankOrderRecord>
  hasOpenRefunds: (id: string) => Promise<boolean>
  sync: (record: BankOrderRecord) => Promise<BankOrderRecord>
}

const TABLE = "alliancepay_bank_order"

/**
 * A callback or a shopper's return asks about a bank order: answered by a bank read that began
 * after the question arrived, but at most one read per window across every process. A burst of
 * callbacks or completion attempts thus costs one read, plus one trailing read if some arrived
 * after the first read began. A bank order that can no longer change (paid with no refund open,
 * mismatched) is answered from our record: the bank is not asked at all.
 *
 * Times are the database's (clock_timestamp), so that processes on hosts whose clocks differ agree.
 */
export async function readWhenNeeded(deps: ReadThrottleDeps, id: string): Promise<BankOrderRecord> {
  const record = await deps.retrieve(id)
  if (!record.hpp_order_id || record.state === "creating" || record.state === "create_failed") return record
  if (await settled(deps, record)) return record

  let arrivedAt: string | undefined
  const deadline = Date.now() + deps.waitMs
  for (let wait = 50; ; wait = Math.min(wait * 2, 250)) {
    const seen = await claim(deps, id, arrivedAt)
    arrivedAt ??= seen.now
    if (seen.claimed) return readAsClaimed(deps, id, seen.now)
    if (seen.fresh) return deps.retrieve(id)
    if (seen.state === "captured" || seen.state === "mismatch") {
      const current = await deps.retrieve(id)
      if (await settled(deps, current)) return current
    }
    // whoever claimed the read may have died: after waiting long enough, this request asks the bank itself
    if (Date.now() > deadline) return deps.sync(await deps.retrieve(id))
    await new Promise((r) => setTimeout(r, wait))
  }
}

/**
 * Nothing the bank says can change this bank order any more: paid with no refund open, or not what
 * we created. A declined or expired one is not settled: the bank announces a success that came
 * after all with a callback, and that callback (throttled like any other) is how it is found.
 */
async function settled(deps: ReadThrottleDeps, record: BankOrderRecord): Promise<boolean> {
  if (record.state === "mismatch") return true
  return record.state === "captured" && !(await deps.hasOpenRefunds(record.id))
}

/**
 * One statement: takes the read if nobody began one within the window (the row lock makes a
 * concurrent claimer re-check and lose), and says whether a read that began at or after
 * `arrivedAt` has finished.
 */
async function claim(deps: ReadThrottleDeps, id: string, arrivedAt: string | undefined) {
  const { rows } = await deps.pg.raw(
    `with clock as (select clock_timestamp() as t),
          claimed as (
            update ${TABLE} set read_started_at = (select t from clock)
             where id = ? and (read_started_at is null or read_started_at <= (select t from clock) - (? * interval '1 millisecond'))
             returning id)
     select (select t from clock)::text as now,
            exists (select 1 from claimed) as claimed,
            o.state,
            coalesce(o.read_started_at >= coalesce(?::timestamptz, (select t from clock)) and o.read_finished_at >= o.read_started_at, false) as fresh
       from ${TABLE} o where o.id = ?`,
    [id, deps.windowMs, arrivedAt ?? null, id]
  )
  const row = rows[0] as { now: string; claimed: boolean; state: string; fresh: boolean } | undefined
  if (!row) throw new Error(`Alliance Pay: bank order ${id} was not found`)
  return row
}

async function readAsClaimed(deps: ReadThrottleDeps, id: string, startedAt: string): Promise<BankOrderRecord> {
  const mine = () => deps.pg(TABLE).where({ id }).where("read_started_at", deps.pg.raw("?::timestamptz", [startedAt]))
  try {
    const record = await deps.sync(await deps.retrieve(id))
    await mine().update({ read_finished_at: deps.pg.raw("clock_timestamp()") })
    return record
  } catch (e) {
    // the read failed: the next request may try at once instead of waiting out the window
    await mine()
      .update({ read_started_at: null })
      .catch(() => undefined)
    throw e
  }
}
