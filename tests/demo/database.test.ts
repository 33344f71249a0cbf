import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Client } from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { chooseDatabase, openDatabase, type OpenDatabase } from "../../scripts/demo/database"
import { startPgliteServer } from "../../scripts/demo/pglite-server"
import { ensureDatabase, query, redactUrl, withDatabase } from "../../scripts/demo/postgres"

const PGLITE_DIR = "/state/pglite"
const answers = async () => null
const refuses = async () => "nothing listens there"

describe("npm run demo: which database", () => {
  it("takes DATABASE_URL when it is set, without looking for a local server", async () => {
    const probed: string[] = []
    const choice = await chooseDatabase({ DATABASE_URL: "postgres://shop:pw@db.example:5432/shop" }, PGLITE_DIR, async (url) => {
      probed.push(url)
      return null
    })
    expect(choice).toEqual({ kind: "env", url: "postgres://shop:pw@db.example:5432/shop" })
    expect(probed).toEqual([])
  })

  it("uses a PostgreSQL answering on 127.0.0.1:5432, in its own medusa_alliancepay_demo database", async () => {
    const probed: string[] = []
    const choice = await chooseDatabase({}, PGLITE_DIR, async (url) => {
      probed.push(url)
      return null
    })
    expect(probed).toEqual(["postgres://postgres@127.0.0.1:5432/postgres"])
    expect(choice).toEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/medusa_alliancepay_demo" })
  })

  it("logs in to the local server as PGUSER with PGPASSWORD when given", async () => {
    const choice = await chooseDatabase({ PGUSER: "medusa", PGPASSWORD: "s3cret" }, PGLITE_DIR, answers)
    expect(choice).toEqual({ kind: "postgres", url: "postgres://medusa:s3cret@127.0.0.1:5432/medusa_alliancepay_demo" })
  })

  it("falls back to the embedded PGlite when no PostgreSQL answers, and says why", async () => {
    const choice = await chooseDatabase({}, PGLITE_DIR, refuses)
    expect(choice).toEqual({ kind: "pglite", dataDir: PGLITE_DIR, reason: "no PostgreSQL on 127.0.0.1:5432 (nothing listens there)" })
  })

  it("DEMO_DATABASE=pglite keeps the demo off a local server", async () => {
    const choice = await chooseDatabase({ DEMO_DATABASE: "pglite" }, PGLITE_DIR, answers)
    expect(choice).toMatchObject({ kind: "pglite", dataDir: PGLITE_DIR })
  })

  it("finds this machine's PostgreSQL through the real probe (CI starts it on 127.0.0.1:5432)", async () => {
    expect(await chooseDatabase({}, PGLITE_DIR)).toMatchObject({ kind: "postgres" })
  })

  it("never prints a database password", () => {
    expect(redactUrl("postgres://shop:pw@db.example:5432/shop")).toBe("postgres://shop:***@db.example:5432/shop")
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/x")).toBe("postgres://postgres@127.0.0.1:5432/x")
  })
})

describe("npm run demo: a database on a local PostgreSQL", () => {
  const url = `postgres://postgres@127.0.0.1:5432/alliancepay_demo_test_${process.pid}`
  afterAll(() => query(withDatabase(url, "postgres"), `drop database if exists "alliancepay_demo_test_${process.pid}"`))

  it("is created when missing, and reused after", async () => {
    expect(await ensureDatabase(url)).toBe(true)
    expect(await ensureDatabase(url)).toBe(false)
    expect(await query(url, "select current_database() as db")).toEqual([{ db: `alliancepay_demo_test_${process.pid}` }])
  })
})

describe("npm run demo: the embedded PGlite fallback", () => {
  let dir: string
  let db: OpenDatabase | undefined
  afterAll(async () => {
    await db?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it("serves PGlite over the Postgres protocol and keeps the data across restarts", async () => {
    dir = await mkdtemp(join(tmpdir(), "alliancepay-demo-pglite-"))
    db = await openDatabase(await chooseDatabase({}, join(dir, "pglite"), refuses))
    expect(db.description).toMatch(/^embedded PGlite, no PostgreSQL on 127\.0\.0\.1:5432 \(nothing listens there\); data in .*pglite, served on 127\.0\.0\.1:\d+/)
    await query(db.url, "create table shop (id int primary key, name text)")
    await query(db.url, "insert into shop values ($1, $2)", [1, "Вишиванка"])
    await db.close()

    db = await openDatabase({ kind: "pglite", dataDir: join(dir, "pglite"), reason: "again" })
    expect(await query(db.url, "select name from shop where id = $1", [1])).toEqual([{ name: "Вишиванка" }])
  }, 60_000)

  it("lets a connection query while another holds a transaction (what Medusa's migrator does)", async () => {
    const server = await startPgliteServer()
    const lock = new Client({ connectionString: server.url })
    const worker = new Client({ connectionString: server.url })
    try {
      await lock.connect()
      await lock.query("begin")
      await lock.query("select pg_advisory_xact_lock(hashtext('db-module-migration:demo'))")
      // a new connection opened and used inside the other one's transaction: the stock
      // PGLiteSocketServer makes this wait for the COMMIT that never comes
      await worker.connect()
      await worker.query("create table migrated (id int)")
      const [a, b] = await Promise.all([
        worker.query("select count(*)::int as n from migrated"),
        lock.query("select 1 as one"),
      ])
      expect(a.rows).toEqual([{ n: 0 }])
      expect(b.rows).toEqual([{ one: 1 }])
      await lock.query("commit")
      expect((await worker.query("select to_regclass('migrated') is not null as ok")).rows).toEqual([{ ok: true }])
    } finally {
      await lock.end().catch(() => undefined)
      await worker.end().catch(() => undefined)
      await server.close()
    }
  }, 60_000)

  it("keeps concurrent extended-protocol queries of different connections apart", async () => {
    const server = await startPgliteServer()
    const clients = Array.from({ length: 4 }, () => new Client({ connectionString: server.url }))
    try {
      await Promise.all(clients.map((c) => c.connect()))
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(clients.map((c, n) => c.query("select $1::int * 2 as doubled, $2::text as who", [round * 4 + n, `c${n}`])))
        results.forEach((r, n) => expect(r.rows).toEqual([{ doubled: (round * 4 + n) * 2, who: `c${n}` }]))
      }
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
      await server.close()
    }
  }, 60_000)
})
