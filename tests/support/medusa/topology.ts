import { execFileSync } from "node:child_process"
import { randomUUID } from "node:crypto"
import { mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import axios from "axios"
import { ROOT } from "../../../scripts/demo/config"
import { answers, medusaCommand } from "../../../scripts/demo/medusa"
import { ensureDatabase, query, withDatabase } from "../../../scripts/demo/postgres"
import { freePort } from "../../../scripts/demo/ports"
import { Children, tail } from "../../../scripts/demo/processes"
import { findPublishableKey } from "../../../scripts/demo/seeded"
import type { Sandbox } from "../../../src/sandbox"
import { startSandboxProcess } from "../bank/sandbox-process"
import { MedusaApi } from "./api"

const CLI = require.resolve("@medusajs/cli/cli.js", { paths: [ROOT] })
const ADMIN = { email: "admin@topology.test", password: "topology-secret" }

export type Mode = "server" | "worker"

export interface Instance {
  name: string
  mode: Mode
  url: string
  logFile: string
  pid: number
  client: MedusaApi
  /** the instance's own log so far */
  log: () => string
}

/**
 * The production topology of this repo's app, as separate OS processes: `medusa start` instances in
 * server and worker mode on one migrated Postgres database, Medusa's Redis modules (a Redis database
 * index of its own per run) and the sandbox bank (its own process). Everything it starts, it stops.
 */
export class Topology {
  readonly children = new Children()
  readonly runId = randomUUID().slice(0, 8)
  readonly logsDir = join("/tmp", `alliancepay-topology-${this.runId}`)
  readonly databaseUrl = withDatabase("postgres://postgres@127.0.0.1:5432/postgres", `alliancepay_topology_${this.runId}`)
  redisUrl = ""
  sandbox!: Sandbox
  publishableKey = ""
  env: NodeJS.ProcessEnv = {}
  readonly instances: Instance[] = []
  /** instances named so far (names are taken before the awaits, so concurrent `start` calls never share one) */
  #named = 0

  async prepare(extraEnv: Record<string, string> = {}) {
    mkdirSync(this.logsDir, { recursive: true })
    this.redisUrl = `redis://127.0.0.1:6379/${freeRedisDb(this.runId)}`
    // the bank in a process of its own at a high priority, as if on its own machine: its answers wait neither on the
    // runner's event loop nor for a core the Medusa instances hold
    this.sandbox = await startSandboxProcess({ refundSettleAfterMs: null, callbackRetryScheduleMs: [200], statusTimerSeconds: 1 }, { priority: -10 })
    await ensureDatabase(this.databaseUrl)
    this.env = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      DISABLE_MEDUSA_ADMIN: "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: "info",
      ALLIANCEPAY_API_URL: this.sandbox.url,
      ALLIANCEPAY_SERVICE_CODE: this.sandbox.merchant.serviceCode,
      ALLIANCEPAY_MERCHANT_ID: this.sandbox.merchant.merchantId,
      ALLIANCEPAY_PRIVATE_KEY: JSON.stringify(this.sandbox.merchant.privateJwk),
      ALLIANCEPAY_SUCCESS_URL: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
      DEMO_ADMIN_EMAIL: ADMIN.email,
      DEMO_ADMIN_PASSWORD: ADMIN.password,
      MEDUSA_WEBHOOK_DELAY_MS: "100",
      ...extraEnv,
    }
    await medusaCommand(this.children, ["db:migrate"], this.env, this.logsDir, "migrate")
    await medusaCommand(this.children, ["exec", "./scripts/demo/seed.ts"], this.env, this.logsDir, "seed")
    this.publishableKey = (await findPublishableKey(this.databaseUrl))!
  }

  /** Starts the instances at once (with `extraEnv` over the prepared environment) and waits until every one answers /health. */
  async start(modes: Mode[], extraEnv: Record<string, string> = {}): Promise<Instance[]> {
    const names = modes.map((mode) => `${mode}-${++this.#named}`)
    const ports: number[] = []
    for (const _ of modes) ports.push(await freePort())
    const started = modes.map((mode, i) => {
      const name = names[i]
      const url = `http://127.0.0.1:${ports[i]}`
      const logFile = join(this.logsDir, `${name}.log`)
      const env = { ...this.env, ...extraEnv, PORT: String(ports[i]), MEDUSA_WORKER_MODE: mode, MEDUSA_BACKEND_URL: url }
      const { child, exited } = this.children.start([CLI, "start"], { env, cwd: ROOT, logFile })
      let exitCode: number | undefined
      void exited.then((code) => (exitCode = code))
      const client = new MedusaApi(axios.create({ baseURL: url }), this.publishableKey)
      const instance: Instance = { name, mode, url, logFile, pid: child.pid!, client, log: () => readLog(logFile) }
      return { instance, exited: () => exitCode }
    })
    const deadline = Date.now() + 360_000
    for (const { instance, exited } of started) {
      for (;;) {
        if (exited() !== undefined) throw new Error(`${instance.name} exited with ${exited()}; last lines of ${instance.logFile}:\n${await tail(instance.logFile)}`)
        if (await answers(`${instance.url}/health`)) break
        if (Date.now() > deadline) throw new Error(`${instance.name} did not answer /health in time; see ${instance.logFile}`)
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
    this.instances.push(...started.map((s) => s.instance))
    return started.map((s) => s.instance)
  }

  /** An admin token from one server (every server shares the database and the JWT secret). */
  async login(server: Instance): Promise<string> {
    const { token } = await server.client.anonymous.post("/auth/user/emailpass", ADMIN)
    for (const instance of this.instances) instance.client.adminToken = token
    return token
  }

  /** Pauses or resumes a whole instance (its process group): SIGSTOP / SIGCONT. */
  signal(instance: Instance, signal: "SIGSTOP" | "SIGCONT" | "SIGKILL") {
    process.kill(-instance.pid, signal)
  }

  async stop() {
    for (const instance of this.instances) {
      try {
        process.kill(-instance.pid, "SIGCONT")
      } catch {
        // already gone
      }
    }
    await this.children.stopAll(10_000)
    await this.sandbox?.close()
    if (this.redisUrl) redis(this.redisUrl, "FLUSHDB")
    const admin = withDatabase(this.databaseUrl, "postgres")
    await query(admin, `drop database if exists "alliancepay_topology_${this.runId}" with (force)`).catch(() => undefined)
  }
}

/**
 * Medusa's Redis event bus queue (BullMQ, keys prefixed with the service's class name): events waiting for their
 * delay, queued, or being handled. A queue that was never written to is an error, not an empty queue.
 */
export function eventsInQueue(redisUrl: string, queue = "events-queue"): number {
  const key = `RedisEventBusService:${queue}`
  if (redis(redisUrl, "EXISTS", `${key}:id`) !== "1") throw new Error(`no BullMQ queue ${key} in ${redisUrl}: has Medusa's Redis event bus changed its keys?`)
  return [["ZCARD", `${key}:delayed`], ["LLEN", `${key}:wait`], ["LLEN", `${key}:active`], ["ZCARD", `${key}:prioritized`]]
    .map(([op, k]) => Number(redis(redisUrl, op, k)) || 0)
    .reduce((a, b) => a + b, 0)
}

function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8")
  } catch {
    return ""
  }
}

function redis(url: string, ...args: string[]): string {
  return execFileSync("redis-cli", ["-u", url, ...args], { encoding: "utf8" }).trim()
}

/**
 * A Redis database index nobody uses right now, so that concurrent runs never share queues or locks: an empty
 * one, claimed with SET NX (two runs that both saw it empty cannot both win it; `stop` flushes the claim).
 */
function freeRedisDb(runId: string): number {
  const candidates = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5)
  for (const db of candidates) {
    const url = `redis://127.0.0.1:6379/${db}`
    if (redis(url, "DBSIZE") !== "0") continue
    if (redis(url, "SET", "alliancepay:topology:claimed-by", runId, "NX") === "OK") return db
  }
  throw new Error("every Redis database index 1-15 holds keys: flush one for the topology test")
}

/** The seeded demo store as a shopper sees it: its UAH region, the product's first variant, the shipping option. */
export async function demoStore(client: MedusaApi) {
  const { regions } = await client.store.get("/store/regions")
  const region = regions.find((r: { currency_code: string }) => r.currency_code === "uah")
  const { products } = await client.store.get("/store/products", { params: { region_id: region.id, fields: "id,*variants" } })
  return { regionId: region.id as string, variantId: products[0].variants[0].id as string }
}
