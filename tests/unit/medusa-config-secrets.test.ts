import { execFile } from "node:child_process"
import { join } from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"

const run = promisify(execFile)
const root = join(__dirname, "..", "..")

/** Loads this repo's medusa-config.ts in a fresh Node, as the medusa CLI does, and prints its http secrets. */
async function loadConfig(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["JWT_SECRET", "COOKIE_SECRET", "NODE_ENV"].includes(k)))
  const script = `const c = require("./medusa-config.ts"); const h = c.projectConfig.http; console.log(JSON.stringify({ jwt: h.jwtSecret, cookie: h.cookieSecret }))`
  try {
    const { stdout } = await run(process.execPath, ["-r", "./scripts/register-ts.js", "-e", script], { cwd: root, env: { ...clean, ...env }, timeout: 60_000 })
    return { ok: true as const, secrets: JSON.parse(stdout.trim().split("\n").pop()!) as { jwt: string; cookie: string } }
  } catch (e) {
    return { ok: false as const, stderr: String((e as { stderr?: string }).stderr) }
  }
}

const strong = "a".repeat(16) + "0123456789abcdef0123456789abcdef"

describe("medusa-config.ts http secrets", () => {
  it("refuses to start in production without secrets, saying what to set", async () => {
    const result = await loadConfig({ NODE_ENV: "production" })
    expect(result.ok).toBe(false)
    expect(result.ok || result.stderr).toMatch(/JWT_SECRET is not set .*Set JWT_SECRET and COOKIE_SECRET/)
  })

  it("refuses the well-known placeholder and short secrets outside development", async () => {
    const placeholder = await loadConfig({ NODE_ENV: "production", JWT_SECRET: "supersecret", COOKIE_SECRET: strong })
    expect(placeholder.ok || placeholder.stderr).toMatch(/JWT_SECRET is a placeholder or shorter than 32 characters/)
    const short = await loadConfig({ NODE_ENV: "staging", JWT_SECRET: strong, COOKIE_SECRET: "0123456789" })
    expect(short.ok || short.stderr).toMatch(/COOKIE_SECRET is a placeholder/)
    const unset = await loadConfig({})
    expect(unset.ok).toBe(false)
  })

  it("uses the secrets it is given", async () => {
    const result = await loadConfig({ NODE_ENV: "production", JWT_SECRET: strong, COOKIE_SECRET: strong + "c" })
    expect(result).toEqual({ ok: true, secrets: { jwt: strong, cookie: strong + "c" } })
  })

  it("in development, a missing secret is random per process, never a well-known word", async () => {
    const [a, b] = await Promise.all([loadConfig({ NODE_ENV: "development" }), loadConfig({ NODE_ENV: "development" })])
    if (!a.ok || !b.ok) throw new Error("development config did not load")
    expect(a.secrets.jwt).toMatch(/^[0-9a-f]{64}$/)
    expect(a.secrets.cookie).toMatch(/^[0-9a-f]{64}$/)
    expect(a.secrets.jwt).not.toBe(b.secrets.jwt)
    expect(a.secrets.jwt).not.toBe(a.secrets.cookie)
  })
})
