import { mkdir, rm } from "node:fs/promises"
import { TEST_CARDS } from "../../src/sandbox"
import { readConfig, shortPath } from "./config"
import { chooseDatabase, openDatabase } from "./database"
import { medusaCommand, startMedusaServer } from "./medusa"
import { ensureFree, freePort } from "./ports"
import { Children } from "./processes"
import { Progress, seconds } from "./progress"
import { alliancePayEnv, startDemoSandbox } from "./sandbox"
import { demoHttpSecrets } from "./secrets"
import { findPublishableKey } from "./seeded"
import { startStorefront } from "./storefront/server"

/**
 * `npm run demo`: a database, the sandbox bank, Medusa (migrated and seeded) with its admin, and a
 * storefront page, all on this machine. Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  const t0 = performance.now()
  const config = readConfig()
  const progress = new Progress(6)
  const children = new Children()
  const closers: Array<() => Promise<void>> = []

  let stopping = false
  const stop = async (reason: string, code: number) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${reason}: stopping the demo…\n`)
    await children.stopAll()
    for (const close of closers.reverse()) await close().catch(() => undefined)
    process.stdout.write("Stopped.\n")
    process.exit(code)
  }
  process.on("SIGINT", () => void stop("Ctrl-C", 0))
  process.on("SIGTERM", () => void stop("SIGTERM", 0))

  await rm(config.files.logs, { recursive: true, force: true })
  await mkdir(config.files.logs, { recursive: true })
  const ports = {
    storefront: config.ports.storefront || (await freePort()),
    medusa: config.ports.medusa || (await freePort()),
    sandbox: config.ports.sandbox || (await freePort()),
  }
  await ensureFree(ports.storefront, "DEMO_STOREFRONT_PORT")
  await ensureFree(ports.medusa, "DEMO_MEDUSA_PORT")
  await ensureFree(ports.sandbox, "DEMO_SANDBOX_PORT")
  const url = (port: number) => `http://${config.host}:${port}`
  const storefrontUrl = url(ports.storefront)
  const medusaUrl = url(ports.medusa)

  try {
    const db = await progress.step(
      "Database",
      async () => openDatabase(await chooseDatabase(process.env, config.files.pglite)),
      (d) => d.description
    )
    closers.push(db.close)

    const { sandbox } = await progress.step(
      "Sandbox bank",
      () => startDemoSandbox({ port: ports.sandbox, publicUrl: url(ports.sandbox), merchantFile: config.files.merchant }),
      (s) => `${s.sandbox.publicUrl}, ${s.reused ? "merchant identity reused" : "new merchant identity"} (${shortPath(config.files.merchant)})`
    )
    closers.push(() => sandbox.close())

    const secrets = await demoHttpSecrets(config.files.secrets)
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // what `medusa develop` sets: also picks .env.development for medusa-config's loadEnv
      NODE_ENV: "development",
      DATABASE_URL: db.url,
      PORT: String(ports.medusa),
      HOST: config.listenHost,
      JWT_SECRET: secrets.jwtSecret,
      COOKIE_SECRET: secrets.cookieSecret,
      STORE_CORS: storefrontUrl,
      ADMIN_CORS: medusaUrl,
      AUTH_CORS: `${medusaUrl},${storefrontUrl}`,
      MEDUSA_BACKEND_URL: medusaUrl,
      MEDUSA_DISABLE_TELEMETRY: "true",
      ...alliancePayEnv(sandbox),
      ALLIANCEPAY_BACKEND_URL: medusaUrl,
      ALLIANCEPAY_SUCCESS_URL: `${storefrontUrl}/checkout/alliancepay?cart_id={cart_id}`,
      DEMO_ADMIN_EMAIL: config.admin.email,
      DEMO_ADMIN_PASSWORD: config.admin.password,
    }

    await progress.step("Migrations (medusa db:migrate)", () => medusaCommand(children, ["db:migrate"], env, config.files.logs, "migrate"))

    const publishableKey = await progress.step(
      "Demo store data",
      async () => {
        const found = await findPublishableKey(db.url)
        if (found) return { key: found, reused: true }
        await medusaCommand(children, ["exec", "./scripts/demo/seed.ts"], env, config.files.logs, "seed")
        const key = await findPublishableKey(db.url)
        if (!key) throw new Error("the seed ran but left no publishable key")
        return { key, reused: false }
      },
      (r) => (r.reused ? "already seeded, reused" : "seeded: region Україна (UAH) with Alliance Pay, a product in 4 sizes, Nova Poshta, an admin user")
    )

    const server = await progress.step("Medusa server + admin (medusa start, development mode)", () =>
      startMedusaServer(children, { env, logsDir: config.files.logs, url: medusaUrl })
    )
    void server.exited.then((code) => stop(`The Medusa server exited with ${code} (see ${shortPath(server.logFile)})`, 1))

    const storefront = await progress.step("Storefront", () =>
      startStorefront({ medusaUrl, publishableKey: publishableKey.key }, { port: ports.storefront, host: "127.0.0.1", publicUrl: storefrontUrl })
    )
    closers.push(() => storefront.close())

    const cards = TEST_CARDS.map((c) => `                  ${c.number}  ${c.outcome}`).join("\n")
    process.stdout.write(`
Alliance Pay demo is ready (${seconds(performance.now() - t0)}).

  Storefront      ${storefront.url}
  Admin           ${medusaUrl}/app   ${config.admin.email} / ${config.admin.password}
  Sandbox bank    ${sandbox.publicUrl}/__sandbox   (its payment page opens from the storefront)
  Test cards      any future expiry (MM/YY), any 3-digit CVV:
${cards}
  Logs            ${shortPath(config.files.logs)}/

Press Ctrl-C to stop everything.
`)
  } catch (e) {
    process.stderr.write(`\nThe demo could not start: ${e instanceof Error ? e.message : String(e)}\n`)
    await stop("Error", 1)
  }
}

main().catch((e: unknown) => {
  // before anything was started (settings, ports)
  process.stderr.write(`The demo could not start: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
