import { mkdtemp, readFile, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { readConfig } from "../../scripts/demo/config"
import { demoHttpSecrets } from "../../scripts/demo/secrets"

describe("demo http secrets", () => {
  let dir = ""
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("are random, made once per state folder, kept private and reused on the next run", async () => {
    dir = await mkdtemp(join(tmpdir(), "alliancepay-demo-secrets-"))
    const file = readConfig({ DEMO_STATE_DIR: dir }).files.secrets
    const first = await demoHttpSecrets(file, {})
    expect(first.reused).toBe(false)
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(first.cookieSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(first.jwtSecret).not.toBe(first.cookieSecret)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const second = await demoHttpSecrets(file, {})
    expect(second).toEqual({ ...first, reused: true })
    expect(await readFile(file, "utf8")).toContain(first.jwtSecret)

    const other = await demoHttpSecrets(join(dir, "other", "http-secrets.json"), {})
    expect(other.jwtSecret).not.toBe(first.jwtSecret)
    expect((await demoHttpSecrets(file, { JWT_SECRET: "from-the-environment" })).jwtSecret).toBe("from-the-environment")
  })

  it("Medusa listens on loopback unless asked otherwise", () => {
    expect(readConfig({}).listenHost).toBe("127.0.0.1")
    expect(readConfig({ DEMO_LISTEN_HOST: "0.0.0.0" }).listenHost).toBe("0.0.0.0")
  })
})
