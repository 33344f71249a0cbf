import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Logger } from "@medusajs/framework/types"

/** Only callbacks about this shop's bank orders are noted: an unreadable or forged one changes nothing (it is logged). */
export type CallbackOutcome = "verified" | "unverified" | "retry"

export interface CallbackNote {
  outcome: CallbackOutcome
  hppOrderId?: string | null
  at?: Date
}

export interface ReconcileRunNote {
  startedAt: Date
  finishedAt: Date
  checked: number
  changed: number
  failed: number
  /** the run failed as a whole (e.g. the database was unreachable) */
  error?: string | null
}

export interface ActivityRow {
  started_at: Date
  finished_at: Date | null
  hpp_order_id: string | null
  outcome: string
  checked: number
  changed: number
  failed: number
  error: string | null
}

export interface Backlog {
  /** bank orders whose re-read is due now: the reconciler's next run takes them */
  due: number
  /** bank orders still followed (due now or later): payments or refunds the bank has not closed */
  followed: number
  /** since when the oldest due bank order has waited; null when none is due */
  oldest_due_at: Date | null
}

const TABLE = "alliancepay_activity"
// a forged callback can claim any id: what is kept of it is bounded
const MAX_ID = 64
const MAX_ERROR = 500

/**
 * One statement, and never a failure of its own: a callback or a reconciler run goes on
 * whatever happens to this note (it is only what Settings → Alliance Pay shows).
 */
async function upsert(pg: Knex, logger: Logger, id: "callback" | "reconcile", row: Record<string, unknown>) {
  const now = new Date()
  try {
    await pg(TABLE)
      .insert({ id, ...row, created_at: now, updated_at: now })
      .onConflict("id")
      .merge({ ...row, updated_at: now, deleted_at: null })
  } catch (e) {
    logger.warn(`Alliance Pay: could not note the last ${id === "callback" ? "callback" : "reconciler run"}: ${(e as Error).message}`)
  }
}

export function noteCallback(pg: Knex, logger: Logger, note: CallbackNote): Promise<void> {
  return upsert(pg, logger, "callback", {
    started_at: note.at ?? new Date(),
    finished_at: null,
    hpp_order_id: note.hppOrderId ? String(note.hppOrderId).slice(0, MAX_ID) : null,
    outcome: note.outcome,
    checked: 0,
    changed: 0,
    failed: 0,
    error: null,
  })
}

export function noteReconcileRun(pg: Knex, logger: Logger, run: ReconcileRunNote): Promise<void> {
  return upsert(pg, logger, "reconcile", {
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    hpp_order_id: null,
    outcome: run.error ? "failed" : "completed",
    checked: run.checked,
    changed: run.changed,
    failed: run.failed,
    error: run.error ? run.error.slice(0, MAX_ERROR) : null,
  })
}

export async function lastActivity(pg: Knex): Promise<{ callback: ActivityRow | null; reconcile: ActivityRow | null }> {
  const rows = await pg(TABLE).whereIn("id", ["callback", "reconcile"]).whereNull("deleted_at").select("*")
  const byId = new Map(rows.map((r: ActivityRow & { id: string }) => [r.id, r]))
  return { callback: byId.get("callback") ?? null, reconcile: byId.get("reconcile") ?? null }
}

/** The reconciler's backlog from the bank orders themselves (their partial index on next_check_at). */
export async function reconcileBacklog(pg: Knex, now: Date = new Date()): Promise<Backlog> {
  const { rows } = await pg.raw(
    `select count(*) filter (where next_check_at <= ?) as due,
            count(*) as followed,
            min(next_check_at) filter (where next_check_at <= ?) as oldest_due_at
       from alliancepay_bank_order
      where next_check_at is not null and deleted_at is null and hpp_order_id is not null`,
    [now, now]
  )
  const row = rows[0] ?? {}
  return { due: Number(row.due ?? 0), followed: Number(row.followed ?? 0), oldest_due_at: row.oldest_due_at ?? null }
}
