import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Client } from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freePort } from "../../scripts/demo/ports"
import { buildPackage, packPackage } from "../support/package/build-package"
import { FreshMedusaApp, type MedusaServer } from "../support/package/fresh-app"
import { HttpError, JsonApi } from "../support/package/http"

/**
 * What a merchant's developer does with the published package, end to end: pack it, install the
 * tarball into a new Medusa 2.21 app, migrate without the bank's secrets (a deploy pipeline), boot
 * with them (pointed at the sandbox bank the package ships) and take a payment session through the
 * Store API. Slow (several minutes: an npm install and three Medusa processes); it prints its steps.
 */
const PROVIDER_ID = "pp_alliancepay_alliancepay"
const ADMIN = { email: "admin@shop.test", password: "package-test-password" }
const pgUrl = (db: string) => `postgres://${process.env.DB_USERNAME ?? "postgres"}@${process.env.DB_HOST ?? "localhost"}:${process.env.DB_PORT ?? "5432"}/${db}`

const started = Date.now()
const progress = (step: string) => console.log(`[package install ${((Date.now() - started) / 1000).toFixed(0)} s] ${step}`)

describe("the packed plugin installed into a fresh Medusa 2.21 app", () => {
  let dir = ""
  let app: FreshMedusaApp
  const database = `alliancepay_package_${process.pid}_${Date.now()}`
  const servers: MedusaServer[] = []
  let shop: Shop

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alliancepay-package-app-"))
    progress(`building the package (npm run build); the app goes to ${dir}`)
    await buildPackage()
    const tarball = await packPackage(dir)
    progress(`packed ${tarball}; npm install in the new app (from npm's cache)`)
    app = new FreshMedusaApp(join(dir, "shop"))
    await mkdir(app.dir)
    await app.create(tarball)
    await app.install()
    progress("installed; creating a fresh database")
    await withPg("postgres", (pg) => pg.query(`create database "${database}"`))
  }, 1_200_000)

  afterAll(async () => {
    for (const server of servers) await server.stop().catch(() => undefined)
    await app?.children.stopAll()
    await withPg("postgres", (pg) => pg.query(`drop database if exists "${database}" with (force)`)).catch(() => undefined)
    if (dir && !process.env.KEEP_PACKAGE_APP) await rm(dir, { recursive: true, force: true })
    progress(process.env.KEEP_PACKAGE_APP ? `done; the app is kept in ${dir}` : "done; temp app and database removed")
  }, 120_000)

  it("types every export for a strict TypeScript project (node16, bundler and node10 resolution)", async () => {
    progress("tsc --strict over a file using /client, /sandbox, /modules/alliance-pay and /providers/alliance-pay")
    // the package's own declarations checked too (skipLibCheck off); a few of Medusa's and zod's own do not pass
    const node16 = await app.typecheck("node16", { skipLibCheck: false })
    expect(node16.filter((line) => line.includes("medusa-payment-alliancepay") || line.startsWith("typed/"))).toEqual([])
    expect(await app.typecheck("bundler", { skipLibCheck: true })).toEqual([])
    expect(await app.typecheck("node10", { skipLibCheck: true })).toEqual([])
  }, 600_000)

  it("migrates without the bank credentials and creates the plugin's six tables", async () => {
    progress("npx medusa db:migrate, no ALLIANCEPAY_* variables")
    await app.medusa(["db:migrate"], { DATABASE_URL: pgUrl(database) }, "migrate")
    const { rows } = await withPg(database, (pg) =>
      pg.query<{ table_name: string }>(`select table_name from information_schema.tables where table_name like 'alliancepay%' order by 1`)
    )
    expect(rows.map((r) => r.table_name)).toEqual([
      "alliancepay_activity",
      "alliancepay_bank_order",
      "alliancepay_bank_refund",
      "alliancepay_credit_memo",
      "alliancepay_credit_memo_line",
      "alliancepay_device_session",
    ])
    const log = await readFile(join(app.logs, "migrate.log"), "utf8")
    expect(log).toContain("Alliance Pay: serviceCode, merchantId, merchantPrivateKey not set")
    await app.medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], { DATABASE_URL: pgUrl(database) }, "user")
  }, 900_000)

  it("boots without them; the admin's bank actions and a payment say which options are missing", async () => {
    progress("medusa start without credentials")
    const server = await app.start(await freePort(), { DATABASE_URL: pgUrl(database) }, "start-without-credentials")
    servers.push(server)
    const admin = await adminApi(server.url)
    for (const [method, path] of [
      ["GET", "/admin/alliance-pay/connection"],
      ["POST", "/admin/alliance-pay/connection/authorize"],
    ]) {
      const answer = await admin.raw(method, path, method === "POST" ? {} : undefined)
      expect(answer.status, `${method} ${path}`).toBe(400)
      expect(answer.body.message).toContain("serviceCode is required: the UUID the bank issued for your shop")
      expect(answer.body.message).toContain("merchantPrivateKey is required")
    }
    progress("the merchant sets up a UAH region with Alliance Pay and a product; a shopper tries to pay")
    shop = await shopWithAlliancePay(admin)
    const refused = await paymentSession(shop, server.url, 1).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(HttpError)
    expect((refused as HttpError).status).toBe(400)
    expect((refused as HttpError).body).toMatchObject({ message: expect.stringContaining("serviceCode is required") })
    await server.stop()
  }, 900_000)

  it("boots with the sandbox's printed credentials and creates a payment session through the Store API", async () => {
    const sandboxPort = await freePort()
    progress(`npx alliancepay-sandbox --port ${sandboxPort} (the package's bin)`)
    const sandbox = await startPrintedSandbox(app, sandboxPort, {}, "sandbox")
    expect(sandbox.env.ALLIANCEPAY_API_URL).toBe(`http://127.0.0.1:${sandboxPort}`)
    expect(sandbox.keep).toEqual({
      ALLIANCEPAY_SANDBOX_SERVICE_CODE: sandbox.env.ALLIANCEPAY_SERVICE_CODE,
      ALLIANCEPAY_SANDBOX_MERCHANT_ID: sandbox.env.ALLIANCEPAY_MERCHANT_ID,
      ALLIANCEPAY_SANDBOX_PRIVATE_KEY: sandbox.env.ALLIANCEPAY_PRIVATE_KEY,
    })

    progress("medusa start with ALLIANCEPAY_* from the sandbox's printout")
    const server = await app.start(await freePort(), { DATABASE_URL: pgUrl(database), ...sandbox.env }, "start-with-credentials")
    servers.push(server)
    const admin = await adminApi(server.url)
    const { payment_providers } = await admin.get("/admin/payments/payment-providers")
    expect(payment_providers.map((p: { id: string }) => p.id)).toContain(PROVIDER_ID)

    progress("a cart and its payment session through the Store API")
    const first = await paymentSession(shop, server.url, 1)
    expect(first.data.redirect_url.startsWith(`${sandbox.env.ALLIANCEPAY_API_URL}/`)).toBe(true)
    expect(await bankOrders(sandbox.env.ALLIANCEPAY_API_URL)).toEqual([
      expect.objectContaining({ hppOrderId: first.data.hpp_order_id, merchantId: sandbox.env.ALLIANCEPAY_MERCHANT_ID, coinAmount: 125050 }),
    ])

    progress("the sandbox restarted with the identity it printed: the shop carries on")
    await sandbox.stop()
    const again = await startPrintedSandbox(app, sandboxPort, sandbox.keep, "sandbox-restarted")
    expect(again.env).toEqual(sandbox.env)
    // the restarted sandbox knows no session: the shop's stored one is refused, and the plugin authorizes again
    const second = await paymentSession(shop, server.url, 2)
    expect(second.data.redirect_url.startsWith(`${again.env.ALLIANCEPAY_API_URL}/`)).toBe(true)
    expect(await bankOrders(again.env.ALLIANCEPAY_API_URL)).toEqual([expect.objectContaining({ hppOrderId: second.data.hpp_order_id, coinAmount: 250100 })])
    await server.stop()
    await again.stop()
  }, 900_000)
})

async function withPg<T>(db: string, fn: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: pgUrl(db) })
  await pg.connect()
  try {
    return await fn(pg)
  } finally {
    await pg.end()
  }
}

async function adminApi(url: string): Promise<JsonApi> {
  const { token } = await new JsonApi(url).post("/auth/user/emailpass", ADMIN)
  return new JsonApi(url, { authorization: `Bearer ${token}` })
}

interface PrintedSandbox {
  /** what the README maps the printout to: the shop's ALLIANCEPAY_* variables */
  env: { ALLIANCEPAY_API_URL: string; ALLIANCEPAY_SERVICE_CODE: string; ALLIANCEPAY_MERCHANT_ID: string; ALLIANCEPAY_PRIVATE_KEY: string }
  /** the `export ALLIANCEPAY_SANDBOX_*` lines it prints to keep its identity */
  keep: Record<string, string>
  stop(): Promise<void>
}

/** Starts the installed bin and reads its printout as a developer would copy it. */
async function startPrintedSandbox(app: FreshMedusaApp, port: number, env: NodeJS.ProcessEnv, name: string): Promise<PrintedSandbox> {
  const { child, exited, logFile } = app.startSandbox(port, env, name)
  const deadline = Date.now() + 60_000
  let out = ""
  while (!/Press Ctrl\+C to stop/.test(out)) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode}:\n${out}`)
    if (Date.now() > deadline) throw new Error(`the sandbox printed no configuration in 60 s:\n${out}`)
    await new Promise((r) => setTimeout(r, 200))
    out = await readFile(logFile, "utf8").catch(() => "")
  }
  const field = (label: string) => new RegExp(`^\\s*${label}:\\s*(\\S+)\\s*$`, "m").exec(out)?.[1] ?? ""
  const keep = Object.fromEntries([...out.matchAll(/^\s*export (ALLIANCEPAY_SANDBOX_\w+)=(.+)$/gm)].map(([, k, v]) => [k, v.replace(/^'(.*)'$/, "$1")]))
  return {
    env: {
      ALLIANCEPAY_API_URL: field("API URL"),
      ALLIANCEPAY_SERVICE_CODE: field("Service code"),
      ALLIANCEPAY_MERCHANT_ID: field("Merchant id"),
      ALLIANCEPAY_PRIVATE_KEY: /Private JWK \(secret, one line\):\n(.+)$/m.exec(out)?.[1] ?? "",
    },
    keep,
    stop: async () => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM")
      await exited
    },
  }
}

interface Shop {
  publishableKey: string
  regionId: string
  variantId: string
}

/** What a merchant sets up in the admin: a UAH region with Alliance Pay, a sales channel, a product. */
async function shopWithAlliancePay(admin: JsonApi): Promise<Shop> {
  const { region } = await admin.post("/admin/regions", { name: "Україна", currency_code: "uah", countries: ["ua"], payment_providers: [PROVIDER_ID] })
  const { sales_channel } = await admin.post("/admin/sales-channels", { name: "Web" })
  const { api_key } = await admin.post("/admin/api-keys", { title: "Storefront", type: "publishable" })
  await admin.post(`/admin/api-keys/${api_key.id}/sales-channels`, { add: [sales_channel.id] })
  const { product } = await admin.post("/admin/products", {
    title: "Сорочка",
    status: "published",
    options: [{ title: "Size", values: ["M"] }],
    variants: [{ title: "M", options: { Size: "M" }, manage_inventory: false, prices: [{ currency_code: "uah", amount: 1250.5 }] }],
    sales_channels: [{ id: sales_channel.id }],
  })
  return { publishableKey: api_key.token, regionId: region.id, variantId: product.variants[0].id }
}

/** A cart of `quantity` shirts at 1250.50 and its Alliance Pay session, as a storefront creates it. */
async function paymentSession({ publishableKey, regionId, variantId }: Shop, url: string, quantity: number) {
  const store = new JsonApi(url, { "x-publishable-api-key": publishableKey })
  const { cart } = await store.post("/store/carts", { region_id: regionId, email: "shopper@example.ua", items: [{ variant_id: variantId, quantity }] })
  const { payment_collection } = await store.post("/store/payment-collections", { cart_id: cart.id })
  const answer = await store.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    provider_id: PROVIDER_ID,
    data: { cart_id: cart.id, language: "uk" },
  })
  const session = answer.payment_collection.payment_sessions.find((s: { provider_id: string }) => s.provider_id === PROVIDER_ID)
  expect(session, JSON.stringify(answer)).toBeTruthy()
  return session as { id: string; data: Record<string, string> }
}

async function bankOrders(sandboxUrl: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${sandboxUrl}/__sandbox/orders`)
  return (await res.json()).orders
}
