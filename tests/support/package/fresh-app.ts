import { execFile } from "node:child_process"
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { promisify } from "node:util"
import { Children, tail } from "../../../scripts/demo/processes"

const run = promisify(execFile)

/** The Medusa packages the repository itself is built and tested against (already in npm's cache). */
const MEDUSA_VERSION = "2.21.2"

/**
 * A merchant's medusa-config, as the README's install section writes it: the plugin with the bank
 * credentials from the environment, and the payment provider. No admin build (it takes minutes
 * and gigabytes; the admin bundle's imports are checked against the package's peers instead).
 */
const MEDUSA_CONFIG = `const { defineConfig, loadEnv, Modules } = require("@medusajs/framework/utils")

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000,http://localhost:8000",
      jwtSecret: "package-test-jwt-secret",
      cookieSecret: "package-test-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-payment-alliancepay",
      options: {
        apiUrl: process.env.ALLIANCEPAY_API_URL,
        serviceCode: process.env.ALLIANCEPAY_SERVICE_CODE,
        merchantId: process.env.ALLIANCEPAY_MERCHANT_ID,
        merchantPrivateKey: process.env.ALLIANCEPAY_PRIVATE_KEY,
      },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      dependencies: ["alliancePay", Modules.CART],
      options: {
        providers: [
          {
            resolve: "medusa-payment-alliancepay/providers/alliance-pay",
            id: "alliancepay",
            options: {
              successUrl: "http://localhost:8000/checkout/alliancepay?cart_id={cart_id}",
              backendUrl: "http://localhost:9000",
            },
          },
        ],
      },
    },
  ],
})
`

/** A TypeScript user of the package: every export it types, and one misuse the types must catch. */
const TYPED_USE = `import { AlliancePayClient, fromKopecks, toKopecks } from "medusa-payment-alliancepay/client"
import { startSandbox, TEST_CARDS } from "medusa-payment-alliancepay/sandbox"
import alliancePayModule, { ALLIANCE_PAY_MODULE, AlliancePayModuleService } from "medusa-payment-alliancepay/modules/alliance-pay"
import alliancePayProvider, { type AlliancePayProviderOptions } from "medusa-payment-alliancepay/providers/alliance-pay"

const kopecks: number = toKopecks("1250.50")
const text: string = fromKopecks(kopecks)
// @ts-expect-error the client cannot be made without its options (the types are real, not any)
new AlliancePayClient()
const key: "alliancePay" = ALLIANCE_PAY_MODULE
const options: AlliancePayProviderOptions = { successUrl: "https://shop.example.ua/return", backendUrl: "https://api.shop.example.ua" }

export async function useEverything() {
  const sandbox = await startSandbox({ port: 0 })
  const url: string = sandbox.url
  await sandbox.close()
  return [url, text, key, options, TEST_CARDS.length, alliancePayModule.service === AlliancePayModuleService, alliancePayProvider]
}
`

export type ModuleResolution = "node16" | "bundler" | "node10"

const MODULE_FOR: Record<ModuleResolution, string> = { node16: "Node16", bundler: "ESNext", node10: "CommonJS" }

/** npm run by `npm test` passes its own settings down as npm_* variables: the app's npm must not see them. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== "INIT_CWD" && !k.startsWith("ALLIANCEPAY_") && !k.startsWith("VITEST")) env[k] = v
  }
  return { ...env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
}

/** A new Medusa 2.21 app in `dir` with the packed plugin installed from `tarball`, as a merchant would. */
export class FreshMedusaApp {
  readonly children = new Children()
  readonly logs: string

  constructor(readonly dir: string) {
    this.logs = join(dir, "logs")
  }

  async create(tarball: string): Promise<void> {
    await mkdir(this.logs, { recursive: true })
    const pkg = {
      name: "a-shop",
      private: true,
      dependencies: {
        "@medusajs/admin-sdk": MEDUSA_VERSION,
        "@medusajs/cli": MEDUSA_VERSION,
        "@medusajs/framework": MEDUSA_VERSION,
        "@medusajs/medusa": MEDUSA_VERSION,
        "medusa-payment-alliancepay": `file:${tarball}`,
      },
      devDependencies: { typescript: "5.9.3", "@types/node": "^20.17.0" },
    }
    await writeFile(join(this.dir, "package.json"), JSON.stringify(pkg, null, 2))
    await writeFile(join(this.dir, "medusa-config.js"), MEDUSA_CONFIG)
    await mkdir(join(this.dir, "typed"), { recursive: true })
    await writeFile(join(this.dir, "typed", "use.ts"), TYPED_USE)
  }

  /** `npm install` from npm's cache where it can (the repository installed the same versions). */
  async install(): Promise<void> {
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: this.dir,
      env: cleanEnv(),
      timeout: 900_000,
      maxBuffer: 64 * 1024 * 1024,
    })
  }

  /** `tsc --noEmit` over typed/use.ts with `strict`; returns tsc's output lines (empty = clean). */
  async typecheck(moduleResolution: ModuleResolution, { skipLibCheck }: { skipLibCheck: boolean }): Promise<string[]> {
    const config = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck,
        target: "ES2022",
        module: MODULE_FOR[moduleResolution],
        moduleResolution,
        types: ["node"],
      },
      files: ["typed/use.ts"],
    }
    const file = join(this.dir, `tsconfig.${moduleResolution}.json`)
    await writeFile(file, JSON.stringify(config, null, 2))
    const tsc = join(this.dir, "node_modules", "typescript", "bin", "tsc")
    try {
      await run(process.execPath, [tsc, "-p", file, "--pretty", "false"], { cwd: this.dir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 })
      return []
    } catch (e) {
      const out = (e as { stdout?: string }).stdout ?? String(e)
      return out.split("\n").filter(Boolean)
    }
  }

  /** `medusa <args>` in the app; rejects with the end of its log when it fails. */
  medusa(args: string[], env: NodeJS.ProcessEnv, name: string): Promise<void> {
    return this.children.run([this.#cli, ...args], { env: cleanEnv(env), cwd: this.dir, logFile: join(this.logs, `${name}.log`) })
  }

  /** `medusa start` on `port`, ready once /health answers. */
  async start(port: number, env: NodeJS.ProcessEnv, name: string): Promise<MedusaServer> {
    const logFile = join(this.logs, `${name}.log`)
    const { child, exited } = this.children.start([this.#cli, "start"], { env: cleanEnv({ ...env, PORT: String(port) }), cwd: this.dir, logFile })
    let exitCode: number | undefined
    void exited.then((code) => (exitCode = code))
    const url = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 300_000
    for (;;) {
      if (exitCode !== undefined) throw new Error(`medusa start exited with ${exitCode}; last lines of ${logFile}:\n${await tail(logFile)}`)
      if (await answers(`${url}/health`)) break
      if (Date.now() > deadline) throw new Error(`medusa start did not answer ${url}/health in 5 minutes; last lines of ${logFile}:\n${await tail(logFile)}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    return {
      url,
      logFile,
      stop: async () => {
        if (exitCode !== undefined || !child.pid) return
        try {
          process.kill(-child.pid, "SIGTERM")
        } catch {
          return
        }
        const killer = setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL")
          } catch {
            // gone
          }
        }, 10_000)
        await exited
        clearTimeout(killer)
      },
    }
  }

  /** The package's sandbox bin as installed (node_modules/.bin/alliancepay-sandbox), output into a log. */
  startSandbox(port: number, env: NodeJS.ProcessEnv, name: string) {
    const logFile = join(this.logs, `${name}.log`)
    const bin = join(this.dir, "node_modules", ".bin", "alliancepay-sandbox")
    const started = this.children.start([bin, "--port", String(port)], { env: cleanEnv(env), cwd: this.dir, logFile })
    return { ...started, logFile }
  }

  get #cli() {
    return join(this.dir, "node_modules", "@medusajs", "cli", "cli.js")
  }
}

export interface MedusaServer {
  url: string
  logFile: string
  stop(): Promise<void>
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return res.ok
  } catch {
    return false
  }
}
