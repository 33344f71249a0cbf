/**
 * Setup for the `integration` vitest project (see vitest.config.ts).
 *
 * Medusa loads medusa-config.ts and the project's sources (src/api, src/modules, src/providers, ...)
 * with Node's own `require`, outside vitest's transform pipeline. Registering ts-node (with swc,
 * transpile only, CommonJS output) on Node's require hook lets those `.ts` files load, just as the
 * medusa CLI does for `medusa develop`.
 */
import { randomBytes } from "node:crypto"
import { register } from "ts-node"

const REGISTERED = Symbol.for("alliancepay.tests.ts-node")
const globalState = globalThis as unknown as Record<symbol, boolean>

if (!globalState[REGISTERED]) {
  register({
    transpileOnly: true,
    swc: true,
    compilerOptions: { module: "commonjs" },
  })
  globalState[REGISTERED] = true
}

// Defaults for anyone running a single file outside `vitest.config.ts` env (kept in sync with it).
process.env.DB_HOST ??= "localhost"
process.env.DB_USERNAME ??= "postgres"
process.env.DB_PASSWORD ??= ""
process.env.LOG_LEVEL ??= "error"
// medusa-config.ts has no default secrets (child processes such as `medusa build` inherit these)
process.env.JWT_SECRET ??= randomBytes(32).toString("hex")
process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex")

// pg 8 deprecates queueing a query on a busy client; Medusa 2.21 still does it. Drop that one notice.
const PG_QUEUE_NOTICE = "Calling client.query() when the client is already executing a query"
const emitWarning = process.emitWarning
process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
  const message = typeof warning === "string" ? warning : warning?.message
  if (message?.startsWith(PG_QUEUE_NOTICE)) return
  return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest)
} as typeof process.emitWarning
