import { execFile, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { join } from "node:path"
import { promisify } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { buildPackage, ROOT as root } from "../support/package/build-package"

const run = promisify(execFile)
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
/** an `exports` entry: a path, or conditions with the code under `default` */
const codeOf = (entry: string | { default: string }) => (typeof entry === "string" ? entry : entry.default)

async function packedFiles(): Promise<string[]> {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path)
}

/** What a merchant gets from npm: the package as `medusa plugin:build` leaves it. */
describe("the published plugin package", () => {
  beforeAll(async () => {
    await buildPackage()
  }, 600_000)

  it("builds the client, the sandbox and the admin bundle that package.json exports", () => {
    for (const target of [
      codeOf(pkg.exports["./client"]),
      codeOf(pkg.exports["./sandbox"]),
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

  it("ships only the build (no sources, tests, secrets or the repository's own medusa-config)", async () => {
    const files = await packedFiles()
    expect(files).toContain("package.json")
    expect(files).toContain("LICENSE")
    expect(files.some((f) => f.startsWith(".medusa/server/src/core/bank/"))).toBe(true)
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("tests/") || f.includes(".env") || f.includes("medusa-config"))).toEqual([])
  })

  it("says what it is: MIT licence text, repository, homepage and issues", () => {
    expect(pkg.license).toBe("MIT")
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toMatch(/^MIT License/)
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(pkg.bugs.url).toMatch(/^https:\/\/.+\/issues$/)
  })

  it("has declarations beside every built module, which the exports' types conditions point at", async () => {
    const files = await packedFiles()
    const js = files.filter((f) => f.startsWith(".medusa/server/src/") && f.endsWith(".js") && !f.startsWith(".medusa/server/src/admin/"))
    expect(js.length).toBeGreaterThan(50)
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, ".d.ts")))).toEqual([])
    for (const [subpath, entry] of Object.entries<string | { types?: string; default: string }>(pkg.exports)) {
      if (typeof entry === "string" || !("types" in entry) || subpath.includes("*")) continue
      expect(files, subpath).toContain(entry.types!.replace(/^\.\//, ""))
    }
  })

  it("has source maps that carry their sources (src/ is not shipped)", () => {
    for (const file of [codeOf(pkg.exports["./client"]), pkg.bin["alliancepay-sandbox"], "./.medusa/server/src/modules/alliance-pay/service.js"]) {
      const code = readFileSync(join(root, file), "utf8")
      const inline = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code)
      expect(inline, file).toBeTruthy()
      const map = JSON.parse(Buffer.from(inline![1], "base64").toString("utf8"))
      expect(map.sources.length, file).toBe(1)
      expect(map.sourcesContent?.[0], file).toContain("export")
    }
  })

  it("declares every package the admin bundle imports as a peer (or a dependency)", () => {
    const bundle = readFileSync(join(root, pkg.exports["./admin"].import), "utf8")
    const imported = new Set([...bundle.matchAll(/\bfrom\s*["']([@a-z0-9][\w@/.-]*)["']/g)].map(([, spec]) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/")))
    expect(imported.size).toBeGreaterThan(3)
    const declared = { ...pkg.dependencies, ...pkg.peerDependencies }
    expect([...imported].filter((name) => !declared[name] && !builtinModules.includes(name))).toEqual([])
    // and the repository itself installs each of them to build and test the admin
    expect(Object.keys(pkg.peerDependencies).filter((name) => !pkg.devDependencies[name])).toEqual([])
  })

  it("installs every docs page the README and the sandbox's --help point to", async () => {
    const files = await packedFiles()
    const readme = readFileSync(join(root, "README.md"), "utf8")
    const pages = new Set([...readme.matchAll(/\]\((docs\/[^)#]+\.md)/g)].map(([, page]) => page))
    expect(pages.size).toBeGreaterThan(2)
    for (const page of pages) {
      expect(files, `README links ${page}`).toContain(page)
      // the images a shipped page shows travel with it
      const text = readFileSync(join(root, page), "utf8")
      for (const [, image] of text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) expect(files, `${page} shows ${image}`).toContain(join("docs", image))
    }
    const { stdout: help } = await run(process.execPath, [join(root, pkg.bin["alliancepay-sandbox"]), "--help"], { cwd: root })
    const helpPages = [...help.matchAll(/\b(docs\/[\w-]+\.md)/g)].map(([, page]) => page)
    expect(helpPages.length).toBeGreaterThan(0)
    for (const page of helpPages) expect(files, `--help names ${page}`).toContain(page)
  })
})
