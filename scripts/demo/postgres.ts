import { Client } from "pg"

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = "***"
    return u.toString()
  } catch {
    return "(unparsable URL)"
  }
}

/** The same server, another database: `withDatabase("postgres://h:5432/shop", "postgres")`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""))
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** null when a PostgreSQL server at `url` lets us in, else why not (for the log line). */
export async function whyNotPostgres(url: string, timeoutMs = 2_000): Promise<string | null> {
  try {
    await withClient(url, (c) => c.query("select 1"), timeoutMs)
    return null
  } catch (e) {
    const err = e as { code?: string; message?: string }
    return err.code === "ECONNREFUSED" ? "nothing listens there" : (err.message ?? String(e))
  }
}

/** Creates the database of `url` when the server does not have it yet; true when it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseOf(url)
  if (!name) throw new Error(`the database URL ${redactUrl(url)} names no database`)
  return withClient(withDatabase(url, "postgres"), async (client) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [name])
    if (found.rowCount) return false
    await client.query(`create database "${name.replace(/"/g, '""')}"`)
    return true
  })
}

/** The rows of one query (small look-ups only). */
export async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(sql, params)).rows as T[])
}
