import { knex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { withAdvisoryLock } from "../../src/modules/alliance-pay/advisory-lock"

/** The lock every refund path takes, against the real PostgreSQL every developer and CI machine runs. */
describe("withAdvisoryLock", () => {
  let pg: Knex
  beforeAll(() => {
    pg = knex({ client: "pg", connection: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", pool: { min: 0, max: 6 } })
  })
  afterAll(() => pg?.destroy())

  const key = `test:${process.pid}:${Math.random()}`
  const events: string[] = []
  const gate = () => {
    let open!: () => void
    return { promise: new Promise<void>((r) => (open = r)), open: () => open() }
  }

  it("is re-entrant within one call chain: a nested take of the same key runs inside the held lock", async () => {
    const result = await withAdvisoryLock(pg, key, () => withAdvisoryLock(pg, key, async () => "inner"), { timeoutMs: 5_000 })
    expect(result).toBe("inner")
  })

  it("another chain waits for the holder; work the holder left behind does not count as holding it once it is released", async () => {
    events.length = 0
    const release = gate()
    const firstIn = gate()
    let leftBehind!: Promise<void>
    const first = withAdvisoryLock(pg, key, async () => {
      events.push("first in")
      firstIn.open()
      // started inside the lock, runs after it: must take the lock like anyone else
      leftBehind = release.promise
        .then(() => new Promise((r) => setTimeout(r, 20)))
        .then(() => withAdvisoryLock(pg, key, async () => void events.push("left-behind in")))
      await release.promise
      events.push("first out")
    })
    await firstIn.promise
    const second = withAdvisoryLock(pg, key, async () => {
      events.push("second in")
      await new Promise((r) => setTimeout(r, 100))
      events.push("second out")
    })
    await new Promise((r) => setTimeout(r, 100))
    expect(events).toEqual(["first in"]) // the second waits, however long it tried
    release.open()
    await Promise.all([first, second, leftBehind])
    // whoever got it after the first, nobody overlapped with the second
    const i = events.indexOf("second in")
    expect(events[i + 1]).toBe("second out")
    expect(events.slice(0, 2)).toEqual(["first in", "first out"])
  })
})
