import { shortPath } from "./config"
import { startPgliteServer } from "./pglite-server"
import { ensureDatabase, redactUrl, whyNotPostgres } from "./postgres"

/** Where a local PostgreSQL is looked for, and the database the demo keeps there. */
export const LOCAL_POSTGRES = { host: "127.0.0.1", port: 5432, database: "medusa_alliancepay_demo" } as const

export type DatabaseChoice =
  | { kind: "env"; url: string }
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string; reason: string }

/**
 * DATABASE_URL when set; else a PostgreSQL answering on 127.0.0.1:5432 (user PGUSER or postgres,
 * password PGPASSWORD); else the embedded PGlite, kept in `pgliteDir`. DEMO_DATABASE=pglite skips
 * the local server (to keep the demo off it).
 */
export async function chooseDatabase(
  env: NodeJS.ProcessEnv,
  pgliteDir: string,
  probe: (url: string) => Promise<string | null> = whyNotPostgres
): Promise<DatabaseChoice> {
  if (env.DATABASE_URL) return { kind: "env", url: env.DATABASE_URL }
  if (env.DEMO_DATABASE === "pglite") return { kind: "pglite", dataDir: pgliteDir, reason: "DEMO_DATABASE=pglite" }
  const server = new URL(`postgres://${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}/postgres`)
  server.username = env.PGUSER || "postgres"
  if (env.PGPASSWORD) server.password = env.PGPASSWORD
  const why = await probe(server.toString())
  if (why === null) {
    server.pathname = `/${LOCAL_POSTGRES.database}`
    return { kind: "postgres", url: server.toString() }
  }
  return { kind: "pglite", dataDir: pgliteDir, reason: `no PostgreSQL on ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port} (${why})` }
}

export interface OpenDatabase {
  url: string
  /** the one log line that says which database the demo uses */
  description: string
  close(): Promise<void>
}

/** Makes the chosen database reachable at a URL: creates it on a server, or serves PGlite. */
export async function openDatabase(choice: DatabaseChoice): Promise<OpenDatabase> {
  if (choice.kind === "pglite") {
    const server = await startPgliteServer({ dataDir: choice.dataDir })
    return {
      url: server.url,
      description:
        `embedded PGlite, ${choice.reason}; data in ${shortPath(choice.dataDir)}, ` +
        `served on 127.0.0.1:${server.port}. Single-user demo only: set DATABASE_URL for a real PostgreSQL`,
      close: () => server.close(),
    }
  }
  const created = await ensureDatabase(choice.url)
  const what = choice.kind === "env" ? "DATABASE_URL" : "local PostgreSQL"
  return {
    url: choice.url,
    description: `${what}, ${redactUrl(choice.url)}${created ? " (database created)" : ""}`,
    close: async () => undefined,
  }
}
