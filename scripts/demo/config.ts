import { join, relative, resolve } from "node:path"

/** The repository root (the Medusa project the demo runs). */
export const ROOT = resolve(__dirname, "..", "..")

export interface DemoConfig {
  /** host name in every URL a browser opens */
  host: string
  /** the address Medusa listens on: loopback unless DEMO_LISTEN_HOST says otherwise */
  listenHost: string
  ports: { storefront: number; medusa: number; sandbox: number }
  /** demo state kept across runs: sandbox merchant identity, PGlite data, logs. Outside Medusa's watch. */
  stateDir: string
  files: { merchant: string; secrets: string; pglite: string; logs: string }
  /** the admin user the seed creates (printed at the end) */
  admin: { email: string; password: string }
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === "") return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0 = any free port), got "${text}"`)
  return value
}

/**
 * Every knob of `npm run demo`, from the environment. Defaults: storefront 8000, Medusa 9000 (the
 * ports Medusa's own starters use), sandbox bank 4010, state in .medusa/demo (gitignored; `medusa
 * develop` and the plugin build leave it alone).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const stateDir = resolve(ROOT, env.DEMO_STATE_DIR || join(".medusa", "demo"))
  return {
    host: "localhost",
    listenHost: env.DEMO_LISTEN_HOST || "127.0.0.1",
    ports: {
      storefront: port(env, "DEMO_STOREFRONT_PORT", 8000),
      medusa: port(env, "DEMO_MEDUSA_PORT", 9000),
      sandbox: port(env, "DEMO_SANDBOX_PORT", 4010),
    },
    stateDir,
    files: {
      merchant: join(stateDir, "sandbox-merchant.json"),
      secrets: join(stateDir, "http-secrets.json"),
      pglite: join(stateDir, "pglite"),
      logs: join(stateDir, "logs"),
    },
    admin: { email: env.DEMO_ADMIN_EMAIL || "admin@alliancepay.demo", password: env.DEMO_ADMIN_PASSWORD || "alliancepay-demo" },
  }
}

/** A path as the user reads it: relative to the repository when inside it, else absolute. */
export function shortPath(path: string): string {
  const rel = relative(ROOT, path)
  return rel && !rel.startsWith("..") ? rel : path
}
