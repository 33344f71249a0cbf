import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from "vitest"
import { createAdminUser, type AdminUser } from "./admin"
import {
  ALLIANCE_PROVIDER,
  applyWebhookDelay,
  hppIdOf,
  merchantOrders,
  paymentsOf,
  recordLoggedErrors,
  resetSandbox,
  startAllianceWorld,
  waitFor,
  waitForIdle,
  watchWorkflow,
  type AllianceWorld,
  type WorkflowRuns,
} from "./alliance"
import { MedusaApi } from "./api"
import { seedStore, type SeededStore } from "./seed"
import { cartReadyForPayment, startPayment } from "./shopper"

/** The seeded cart: 2 × 1250.50 + 99.99 shipping = 2600.99 UAH, 260099 kopecks at the bank (no kopeck-rule override). */
export const CART_TOTAL = 2600.99
export const CART_KOPECKS = 260099

export interface AllianceSuite {
  world: AllianceWorld
  seed: SeededStore
  client: MedusaApi
  /** the admin the client is logged in as */
  admin: AdminUser
  /** `logger.error` lines Medusa wrote during the current test */
  loggedErrors: string[]
  /** runs of Medusa's process-payment-workflow (what an accepted callback starts) in the current test */
  processPayment: WorkflowRuns
  /** the running Medusa's container: for what no HTTP route triggers (a scheduled job's run) */
  container: () => MedusaContainer
}

export interface AllianceSuiteOptions {
  /** more environment for this file's Medusa (e.g. module options the repo's medusa-config.ts reads) */
  env?: Record<string, string>
  /** how the store is seeded (default: Alliance Pay and the system provider) */
  seed?: Parameters<typeof seedStore>[1]
}

/**
 * A cron expression for a scheduled job that does not fire while this file runs: daily, twelve hours from now.
 * For suites that show "has not run yet" and run the job themselves; never "months away", as Medusa's in-memory
 * scheduler sets one timer to the next run, and a timer over 24.8 days fires at once.
 */
export function dailyCronFarFromNow(now = new Date()): string {
  return `0 ${now.getMinutes()} ${(now.getHours() + 12) % 24} * * *`
}

/** What Medusa's test runner hands a suite: raw HTTP to the server and its container. */
export interface MedusaRunner {
  api: AxiosInstance
  getContainer: () => MedusaContainer
}

/**
 * Starts the sandbox bank in a file-level `beforeAll` (it runs before the runner boots Medusa) and
 * stops it when the file ends. `env` (the runner's) gets what points medusa-config.ts at the bank plus
 * `extra()`, read then; process.env carries the same until the file ends.
 */
export function startAllianceWorldForFile(into: { world: AllianceWorld }, env: Record<string, string>, extra: () => Record<string, string>) {
  let before: Record<string, string | undefined> = {}
  beforeAll(async () => {
    into.world = await startAllianceWorld()
    Object.assign(env, into.world.env, extra())
    // medusa-config.ts and the jobs read process.env when Medusa boots, after this
    before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
    Object.assign(process.env, env)
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k]
    else process.env[k] = v
    await into.world?.sandbox.close()
  })
}

/**
 * One Medusa server (this repo's medusa-config.ts, Alliance Pay enabled) against one sandbox bank
 * for a whole file: the seeded UAH store with Alliance Pay and the system provider, an admin, and
 * between tests a blank sandbox (the runner restores the database, not the in-memory bank).
 * Use `suite.*` inside `it` / hooks only: the fields are filled in by `beforeAll`.
 */
export function describeWithAlliancePay(
  name: string,
  body: (suite: AllianceSuite, runner: MedusaRunner) => void,
  options: AllianceSuiteOptions = {}
) {
  const env: Record<string, string> = {}
  const suite = {} as AllianceSuite
  startAllianceWorldForFile(suite, env, () => options.env ?? {})

  describe(name, () => {
    medusaIntegrationTestRunner({
      env,
      testSuite: ({ api, getContainer }) => {
        suite.container = getContainer
        beforeAll(async () => {
          suite.seed = await seedStore(getContainer(), options.seed ?? { paymentProviders: [ALLIANCE_PROVIDER, "pp_system_default"] })
          suite.admin = await createAdminUser(getContainer(), api)
          suite.client = new MedusaApi(api, suite.seed.publishableKey, suite.admin.token)
          applyWebhookDelay(getContainer())
          suite.loggedErrors = recordLoggedErrors(getContainer())
          suite.processPayment = await watchWorkflow(getContainer(), "process-payment-workflow")
        })
        beforeEach(async () => {
          await resetSandbox(suite.world.sandbox)
          suite.loggedErrors.length = 0
          suite.processPayment.reset()
        })
        // nothing a test started may run on into the next one (the database is restored in between)
        afterEach(() => waitForIdle(suite.processPayment))
        body(suite, { api, getContainer })
      },
    })
  })
}

/** A cart of 2600.99 UAH with an Alliance Pay session: what the storefront has before redirecting. */
export async function cartAtTheBank({ client, seed }: AllianceSuite) {
  const cart = await cartReadyForPayment(client, seed, { quantity: 2 })
  const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
  expect(collection.payment_sessions).toHaveLength(1)
  const session = collection.payment_sessions[0]
  const redirectUrl = session.data.redirect_url as string
  return { cart, collection, session, redirectUrl, hpp: hppIdOf(redirectUrl) }
}

/** The cart as the storefront reads it back (completed or not, its sessions). */
export async function cartOf({ client }: AllianceSuite, id: string) {
  const { cart } = await client.store.get(`/store/carts/${id}`, {
    params: { fields: "id,completed_at,*payment_collection,*payment_collection.payment_sessions" },
  })
  return cart
}

/**
 * Waits until the merchant's first order shows as captured and its payment transaction is written:
 * Medusa marks the payment captured a step before completing the cart records the transaction.
 */
export function capturedOrder({ client }: AllianceSuite, timeoutMs?: number) {
  return waitFor(
    "a captured order",
    async () => {
      const orders = await merchantOrders(client)
      return orders[0]?.payment_status === "captured" && orders[0].transactions?.length ? orders[0] : undefined
    },
    timeoutMs
  )
}

/**
 * Waits until Settings → Alliance Pay shows a callback about this bank order handled at or after `since`
 * (epoch ms): the worker took it, whether or not Medusa then started a workflow.
 */
export function callbackHandled({ client }: AllianceSuite, hpp: string, since: number) {
  return waitFor(`a callback about ${hpp} handled`, async () => {
    const { activity } = await client.admin.get("/admin/alliance-pay/settings/activity")
    const last = activity.last_callback
    return last?.hpp_order_id === hpp && Date.parse(last.received_at) >= since - 1000 ? last : undefined
  })
}

/** Exactly one order, captured once for the exact total, one payment transaction: what the merchant must see. */
export async function expectOneCapturedOrder({ client }: AllianceSuite) {
  const orders = await merchantOrders(client)
  expect(orders).toHaveLength(1)
  const [order] = orders
  expect(order).toMatchObject({ total: CART_TOTAL, currency_code: "uah", payment_status: "captured", status: "pending" })
  const payments = paymentsOf(order)
  expect(payments).toHaveLength(1)
  expect(payments[0]).toMatchObject({ amount: CART_TOTAL, provider_id: ALLIANCE_PROVIDER, captured_at: expect.any(String) })
  expect(payments[0].captures.map((c: { amount: number }) => c.amount)).toEqual([CART_TOTAL])
  expect(order.transactions.map((t: { amount: number; reference: string }) => [t.amount, t.reference])).toEqual([[CART_TOTAL, "capture"]])
  expect(order.summary).toMatchObject({ paid_total: CART_TOTAL, pending_difference: 0, refunded_total: 0 })
  return order
}
