import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe } from "vitest"
import { createAdminUser, type AdminUser } from "../medusa/admin"
import { ALLIANCE_PROVIDER, type AllianceWorld } from "../medusa/alliance"
import { MedusaApi } from "../medusa/api"
import { seedStore, type SeededStore } from "../medusa/seed"
import { startAllianceWorldForFile } from "../medusa/suite"
import { logIn } from "./admin-login"
import { serveBuiltAdmin, type AdminServer } from "./admin-server"
import { launchChromium } from "./browser"
import { buildAdmin } from "./build-admin"
import { freePort } from "./ports"

/** Where the browser suites leave their screenshots: not committed (the docs' pictures are copied from here). */
export const E2E_ARTIFACTS = join(__dirname, "..", "..", "..", "test-artifacts", "e2e")

export interface AdminInBrowser {
  world: AllianceWorld
  seed: SeededStore
  /** the Medusa API, logged in as `user` */
  client: MedusaApi
  /** the admin the page is logged in as */
  user: AdminUser
  /** the built dashboard's origin (its pages under /app, everything else proxied to Medusa) */
  adminUrl: string
  /** one Chromium page for the whole file, logged in, left on about:blank */
  page: Page
  /** uncaught errors of the dashboard's pages since the file started */
  pageErrors: string[]
  getContainer: () => MedusaContainer
}

export interface AdminInBrowserOptions {
  /** how the store is seeded (default: Alliance Pay and the system provider) */
  seed?: Parameters<typeof seedStore>[1]
  viewport?: { width: number; height: number }
  /** more environment for this file's Medusa (e.g. module options the repo's medusa-config.ts reads) */
  env?: Record<string, string>
}

/**
 * The real admin dashboard (built with this repo's extensions) in Chromium, in front of one Medusa
 * server against one sandbox bank, for a whole file: the browser counterpart of `describeWithAlliancePay`.
 * Use `suite.*` inside `it` / hooks only: the fields are filled in by `beforeAll`.
 */
export function describeWithAdminInBrowser(name: string, body: (suite: AdminInBrowser) => void, options: AdminInBrowserOptions = {}) {
  const env: Record<string, string> = {}
  const suite = { pageErrors: [] as string[] } as AdminInBrowser
  let adminDir: string
  let adminPort: number

  // the admin is built and its port known before the bank starts and the runner boots Medusa
  beforeAll(async () => {
    adminDir = await buildAdmin()
    adminPort = await freePort()
    await mkdir(E2E_ARTIFACTS, { recursive: true })
  }, 600_000)
  startAllianceWorldForFile(suite, env, () => {
    const origin = `http://127.0.0.1:${adminPort}`
    return { ...options.env, ADMIN_CORS: origin, AUTH_CORS: origin }
  })

  describe(name, () => {
    medusaIntegrationTestRunner({
      env,
      testSuite: ({ api, getContainer }) => {
        suite.getContainer = getContainer
        let admin: AdminServer | undefined
        let browser: Browser | undefined

        beforeAll(async () => {
          suite.seed = await seedStore(getContainer(), options.seed ?? { paymentProviders: [ALLIANCE_PROVIDER, "pp_system_default"] })
          suite.user = await createAdminUser(getContainer(), api)
          suite.client = new MedusaApi(api, suite.seed.publishableKey, suite.user.token)
          admin = await serveBuiltAdmin({ outDir: adminDir, medusaUrl: suite.world.medusaUrl, port: adminPort })
          suite.adminUrl = admin.url
          browser = await launchChromium()
          suite.page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 1000 } })
          suite.page.on("pageerror", (e) => suite.pageErrors.push(e.message))
          await logIn(suite.page, admin.url, suite.user)
          // idle between tests: the runner restores the database under a live dashboard otherwise
          await suite.page.goto("about:blank")
        })
        afterAll(async () => {
          await browser?.close()
          await admin?.close()
        })
        body(suite)
      },
    })
  })
}
