import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // the sandbox and the package build bind ports and use CPU: keep files sequential on 2 cores
    fileParallelism: false,
  },
})
