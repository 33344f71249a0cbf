import { randomBytes } from "node:crypto"

/**
 * Vitest settings for a suite that boots a real Medusa (@medusajs/test-utils' runner):
 * shared by the integration and e2e projects and by the Medusa-backed benchmarks.
 */
export const medusaServerTestSettings = {
  // @medusajs/test-utils calls describe/beforeAll/... as jest-style globals
  globals: true,
  // one Medusa per file, one file at a time, each file in a fresh process:
  // Medusa keeps global state (container, module registry, config manager)
  pool: "forks" as const,
  isolate: true,
  fileParallelism: false,
  maxWorkers: 1,
  setupFiles: ["tests/setup/integration.ts"],
  testTimeout: 120_000,
  // boot = create DB + all core migrations + link sync + app start (~5 s here, far more on a busy box)
  hookTimeout: 600_000,
  env: {
    // test-utils reads these when it is first required; "localhost" also keeps SSL off
    DB_HOST: process.env.DB_HOST ?? "localhost",
    DB_PORT: process.env.DB_PORT ?? "5432",
    DB_USERNAME: process.env.DB_USERNAME ?? "postgres",
    DB_PASSWORD: process.env.DB_PASSWORD ?? "",
    // Medusa's winston logger writes straight to stdout; keep the run readable
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    MEDUSA_DISABLE_TELEMETRY: "true",
    // medusa-config.ts has no default secrets: each run signs its tokens with its own random ones
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString("hex"),
    COOKIE_SECRET: process.env.COOKIE_SECRET ?? randomBytes(32).toString("hex"),
  },
}
