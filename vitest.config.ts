import { configDefaults, defineConfig } from "vitest/config"
import { medusaServerTestSettings } from "./tests/setup/medusa-server"

/**
 * Known, harmless console lines of a Medusa boot under the test runner: a note a core migration
 * prints, and knex discarding pooled connections the runner cut when it restored the database
 * from its template between tests.
 */
const MEDUSA_NOISE = [/^Note: If the index "IDX_user_email" fails to create/, /^Connection Error: Connection ended unexpectedly/]

export default defineConfig({
  test: {
    // `include` lives in each project: with `extends: true` vitest concatenates arrays, so a root
    // include would leak every test file into the integration project
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // the sandbox and the package build bind ports and use CPU: keep files sequential on 2 cores
    fileParallelism: false,
    onConsoleLog: (log) => (MEDUSA_NOISE.some((re) => re.test(log.trim())) ? false : undefined),
    projects: [
      {
        // everything but the Medusa-backed suites: pure functions, client vs sandbox, package build
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/integration/**", "tests/e2e/**"],
          // groupOrder 0 + one worker would put these files in a group vitest runs last
          sequence: { groupOrder: 1 },
        },
      },
      {
        // a real Medusa server (medusaIntegrationTestRunner) + Postgres per test file
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          ...medusaServerTestSettings,
          // run after the fast suites so a unit failure shows up in seconds
          sequence: { groupOrder: 2 },
        },
      },
      {
        // the real built admin in headless Chromium, against a runner-booted Medusa (tests/support/browser)
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          ...medusaServerTestSettings,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
})
