import { defineConfig } from "vitest/config"

/**
 * Benchmarks that need a real Medusa server reuse the integration harness (a Medusa booted by
 * @medusajs/test-utils inside vitest). They are not tests: `npm run bench` runs them, never `npm test`.
 */
export default defineConfig({
  test: {
    include: ["bench/**/*.bench-medusa.ts"],
    globals: true,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    setupFiles: ["tests/setup/integration.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    env: {
      DB_HOST: process.env.DB_HOST ?? "localhost",
      DB_PORT: process.env.DB_PORT ?? "5432",
      DB_USERNAME: process.env.DB_USERNAME ?? "postgres",
      DB_PASSWORD: process.env.DB_PASSWORD ?? "",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
      MEDUSA_DISABLE_TELEMETRY: "true",
    },
  },
})
