import { knex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Logger } from "@medusajs/framework/types"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { lastActivity, noteCallback, noteReconcileRun, reconcileBacklog } from "../../src/modules/alliance-pay/activity"

/**
 * What Settings → Alliance Pay shows of the background work is written with one upsert, against the real
 * PostgreSQL, in a schema of its own; a write that fails never fails the callback or the run that makes it.
 */
describe("the notes of the last callback and the reconciler's last run", () => {
  const schema = `activity_${process.pid}_${Date.now()}`
  let pg: Knex
  const warnings: string[] = []
  const logger = { warn: (m: string) => warnings.push(m) } as unknown as Logger

  beforeAll(async () => {
    pg = knex({
      client: "pg",
      connection: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
      searchPath: [schema],
      pool: { min: 0, max: 2 },
    })
    await pg.raw(`create schema "${schema}"`)
  })
  afterAll(async () => {
    await pg?.raw(`drop schema if exists "${schema}" cascade`)
    await pg?.destroy()
  })

  it("a write that fails (here: no table yet) is logged and swallowed", async () => {
    await expect(noteCallback(pg, logger, { outcome: "verified", hppOrderId: "1" })).resolves.toBeUndefined()
    await expect(noteReconcileRun(pg, logger, { startedAt: new Date(), finishedAt: new Date(), checked: 1, changed: 0, failed: 0 })).resolves.toBeUndefined()
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/could not note the last callback: .*alliancepay_activity/)
    expect(warnings[1]).toMatch(/could not note the last reconciler run/)
  })

  it("each note overwrites the last of its kind; a forged id is kept bounded; the backlog counts due and followed bank orders", async () => {
    // the columns the module's migration creates (see Migration20261202093859.ts)
    await pg.raw(`create table alliancepay_activity (id text primary key, started_at timestamptz not null, finished_at timestamptz null,
      hpp_order_id text null, outcome text not null, checked integer not null default 0, changed integer not null default 0,
      failed integer not null default 0, error text null, created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(), deleted_at timestamptz null)`)
    await pg.raw(`create table alliancepay_bank_order (id text primary key, hpp_order_id text null, next_check_at timestamptz null, deleted_at timestamptz null)`)
    warnings.length = 0
    const at = new Date("2026-12-02T10:00:00Z")
    await noteCallback(pg, logger, { outcome: "verified", hppOrderId: "A", at })
    await noteCallback(pg, logger, { outcome: "unverified", hppOrderId: "x".repeat(1000), at: new Date(at.getTime() + 1000) })
    await noteReconcileRun(pg, logger, { startedAt: at, finishedAt: at, checked: 3, changed: 1, failed: 1, error: "e".repeat(2000) })
    const { callback, reconcile } = await lastActivity(pg)
    expect(warnings).toEqual([])
    expect(callback).toMatchObject({ outcome: "unverified", hpp_order_id: "x".repeat(64), started_at: new Date(at.getTime() + 1000) })
    expect(reconcile).toMatchObject({ outcome: "failed", checked: 3, changed: 1, failed: 1, error: "e".repeat(500) })
    expect((await pg("alliancepay_activity").count("* as n"))[0].n).toBe("2")

    const now = new Date("2026-12-02T12:00:00Z")
    await pg("alliancepay_bank_order").insert([
      { id: "due-old", hpp_order_id: "1", next_check_at: new Date("2026-12-02T11:00:00Z") },
      { id: "due", hpp_order_id: "2", next_check_at: new Date("2026-12-02T11:59:00Z") },
      { id: "later", hpp_order_id: "3", next_check_at: new Date("2026-12-02T13:00:00Z") },
      { id: "closed", hpp_order_id: "4", next_check_at: null },
      { id: "never-created", hpp_order_id: null, next_check_at: new Date("2026-12-02T11:00:00Z") },
      { id: "deleted", hpp_order_id: "5", next_check_at: new Date("2026-12-02T11:00:00Z"), deleted_at: now },
    ])
    expect(await reconcileBacklog(pg, now)).toEqual({ due: 2, followed: 3, oldest_due_at: new Date("2026-12-02T11:00:00Z") })
  })
})
