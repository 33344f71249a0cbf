import { randomBytes } from "node:crypto"
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises"
import { dirname } from "node:path"

export interface HttpSecrets {
  jwtSecret: string
  cookieSecret: string
}

const usable = (value: unknown): value is string => typeof value === "string" && value.length >= 32

/**
 * The demo server's JWT and cookie secrets: random, made on the first run and kept in `file`
 * (mode 0600, in the demo's state folder) so admin logins survive a restart of the demo.
 * JWT_SECRET / COOKIE_SECRET in the environment win.
 */
export async function demoHttpSecrets(file: string, env: NodeJS.ProcessEnv = process.env): Promise<HttpSecrets & { reused: boolean }> {
  let saved: Partial<HttpSecrets> = {}
  try {
    saved = JSON.parse(await readFile(file, "utf8")) as Partial<HttpSecrets>
  } catch {
    saved = {}
  }
  const reused = usable(saved.jwtSecret) && usable(saved.cookieSecret)
  const secrets: HttpSecrets = reused
    ? { jwtSecret: saved.jwtSecret!, cookieSecret: saved.cookieSecret! }
    : { jwtSecret: randomBytes(32).toString("hex"), cookieSecret: randomBytes(32).toString("hex") }
  if (!reused) {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
    await chmod(file, 0o600)
  }
  return {
    jwtSecret: env.JWT_SECRET || secrets.jwtSecret,
    cookieSecret: env.COOKIE_SECRET || secrets.cookieSecret,
    reused,
  }
}
