import { execFile, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"

const run = promisify(execFile)
const root = join(__dirname, "..", "..")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))

/** What a merchant gets from npm: the package as `medusa plugin:build` leaves it. */
describe("the published plugin package", () => {
  beforeAll(async () => {
    await run("npx", ["medusa", "plugin:build"], { cwd: root, timeout: 300_000 })
  }, 300_000)

  it("builds the client, the sandbox and the admin bundle that package.json exports", () => {
    for (const target of [
      pkg.exports["./client"],
      pkg.exports["./sandbox"],
      pkg.exports["./admin"].require,
      pkg.exports["./admin"].import,
      pkg.bin["alliancepay-sandbox"],
    ]) {
      expect(existsSync(join(root, target)), target).toBe(true)
    }
  })

  it("the built client is framework-free and speaks the bank's JWE", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "-e",
        `const c = require(${JSON.stringify(pkg.name + "/client")});
         (async () => {
           const { privateJwk, publicJwk } = await c.generateEcKeyPair();
           const token = await c.encryptJson({ coinAmount: c.toKopecks("19.99") }, await c.importPublicKey(publicJwk));
           const back = await c.decryptJson(token, await c.importPrivateKey(privateJwk));
           console.log(JSON.stringify(back), Object.keys(require.cache).some((k) => k.includes("@medusajs")));
         })()`,
      ],
      { cwd: root }
    )
    expect(stdout.trim()).toBe('{"coinAmount":1999} false')
  })

  it("the sandbox bin starts, prints its URL and the merchant configuration, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [join(root, pkg.bin["alliancepay-sandbox"]), "--port", "0"], { cwd: root })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 20_000)
      child.stdout.on("data", () => {
        const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out)
        if (m && /merchant/i.test(out)) {
          clearTimeout(timer)
          resolve(m[0])
        }
      })
    })
    const config = await (await fetch(`${url}/__sandbox/config`)).json()
    expect(out).toContain(config.serviceCode)
    expect(out).toContain(config.merchantId)
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)))
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
  })

  it("ships only the build (no sources, tests or secrets)", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root })
    const files: string[] = JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path)
    expect(files).toContain("package.json")
    expect(files.some((f) => f.startsWith(".medusa/server/src/lib/alliance-pay/"))).toBe(true)
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("tests/") || f.includes(".env"))).toEqual([])
  })
})
