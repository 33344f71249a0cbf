import { defineConfig } from "vitest/config"
import { medusaServerTestSettings } from "../tests/setup/medusa-server"

/**
 * Benchmarks that need a real Medusa server reuse the integration harness (a Medusa booted by
 * @medusajs/test-utils inside vitest). They are not tests: `npm run bench` runs them, never `npm test`.
 */
export default defineConfig({
  test: {
    include: ["bench/**/*.bench-medusa.ts"],
    ...medusaServerTestSettings,
    testTimeout: 600_000,
  },
})
