import { TEST_CARD } from "../../../src/core/bank/contract/test-cards"
import { freePort } from "../../../scripts/demo/ports"
import { startSandbox, type Sandbox } from "../../../src/sandbox"
import type { MedusaApi } from "./api"

export const ALLIANCE_PROVIDER = "pp_alliancepay_alliancepay"

export interface AllianceWorld {
  sandbox: Sandbox
  medusaUrl: string
  /** the runner applies this to process.env before loading medusa-config.ts */
  env: Record<string, string>
}

/**
 * A sandbox bank and the env that points this repo's medusa-config.ts at it. Call in a
 * file-level beforeAll: it runs before the runner boots Medusa.
 */
export async function startAllianceWorld(options: Parameters<typeof startSandbox>[0] = {}): Promise<AllianceWorld> {
  const port = await freePort()
  const medusaUrl = `http://127.0.0.1:${port}`
  const sandbox = await startSandbox({ port: 0, refundSettleAfterMs: null, callbackRetryScheduleMs: [200, 500, 1000], statusTimerSeconds: 1, ...options })
  const env = {
    PORT: String(port),
    ALLIANCEPAY_API_URL: sandbox.url,
    ALLIANCEPAY_SERVICE_CODE: sandbox.merchant.serviceCode,
    ALLIANCEPAY_MERCHANT_ID: sandbox.merchant.merchantId,
    ALLIANCEPAY_PRIVATE_KEY: JSON.stringify(sandbox.merchant.privateJwk),
    ALLIANCEPAY_TIMEOUT_MS: "2000",
    ALLIANCEPAY_BACKEND_URL: medusaUrl,
    ALLIANCEPAY_SUCCESS_URL: "http://127.0.0.1:9/shop/return?cart_id={cart_id}",
    MEDUSA_WEBHOOK_DELAY_MS: "100",
  }
  // medusa-config.ts is read before the runner applies its `env`, so the process gets it now
  Object.assign(process.env, env)
  return { sandbox, medusaUrl, env }
}

export async function sandboxControl(sandbox: Sandbox, path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

export interface BankCall {
  path: string
  httpStatus: number | null
  msgCode: string | null
  /** none | current | previous | expired | unknown: which bank session the call came with */
  session: string
  body: Record<string, unknown> | null
  /** the sandbox fault that answered this call, if any */
  fault: { id: number; kind: string; phase: string } | null
}

export async function bankCalls(sandbox: Sandbox, path?: string): Promise<BankCall[]> {
  const log = await sandboxControl(sandbox, "/calls")
  const list: BankCall[] = Array.isArray(log) ? log : log.calls
  return path ? list.filter((c) => c.path === path) : list
}

/**
 * The shopper on the bank's hosted page: opens the redirect URL, fills the card form and
 * submits it, as a browser would (form post, following the bank's redirects up to the shop).
 * Returns the URL the bank finally sends the browser to.
 */
export async function payOnHostedPage(redirectUrl: string, card: string = TEST_CARD.visa): Promise<string> {
  const page = await fetch(redirectUrl)
  if (page.status !== 200) throw new Error(`the payment page answered ${page.status}`)
  const html = await page.text()
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
  const hppId = /name="hpp_id"\s+value="([^"]+)"/.exec(html)?.[1] ?? new URL(redirectUrl).searchParams.get("hpp_id")
  if (!action || !hppId) throw new Error("the payment page has no card form")
  const res = await fetch(new URL(action, redirectUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ hpp_id: hppId, card_number: card, expiry: "12/30", cvv: "123" }).toString(),
    redirect: "manual",
  })
  if (res.status >= 400) throw new Error(`the payment form was refused: ${res.status} ${await res.text()}`)
  return res.headers.get("location") ?? redirectUrl
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The bank's paths and the sandbox's test cards, from the one contract (src/core/bank/contract). */
import { BANK_PATHS as BANK } from "../../../src/core/bank/contract/paths"
export { BANK }
export { TEST_CARD as CARDS } from "../../../src/core/bank/contract/test-cards"

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Back to a blank bank between tests: the database is restored by the runner, the in-memory
 * sandbox is not. Forgets orders, sessions, faults, armed callback modes and both logs; the
 * merchant identity stays, and the plugin re-authorizes on its next call.
 */
export async function resetSandbox(sandbox: Sandbox): Promise<void> {
  await sandboxControl(sandbox, "/reset", {})
}

/** The bank order id in a redirect URL (`…/hpp/?hpp_id=…`). */
export function hppIdOf(redirectUrl: string): string {
  const id = new URL(redirectUrl).searchParams.get("hpp_id")
  if (!id) throw new Error(`no hpp_id in ${redirectUrl}`)
  return id
}

export interface CallbackAttempt {
  hppOrderId: string
  operationType: string
  operationStatus: string
  attempt: number
  copy: number
  httpStatus: number | null
  result: "delivered" | "failed" | "dropped"
  mode: string | null
}

export async function callbackAttempts(sandbox: Sandbox, hppOrderId?: string): Promise<CallbackAttempt[]> {
  const { attempts } = await sandboxControl(sandbox, "/callbacks")
  return hppOrderId ? attempts.filter((a: CallbackAttempt) => a.hppOrderId === hppOrderId) : attempts
}

/** What the sandbox knows of one bank order (status answer + its own bookkeeping). */
export async function bankOrder(sandbox: Sandbox, hppOrderId: string): Promise<Record<string, any>> {
  return sandboxControl(sandbox, `/orders/${hppOrderId}`)
}

/** Confirms or fails the 3-D Secure challenge as the shopper does, after payOnHostedPage with CARDS.threeDs. */
export async function answerThreeDs(location: string, result: "confirm" | "fail"): Promise<string> {
  const page = await fetch(location)
  if (page.status !== 200) throw new Error(`the 3-D Secure page answered ${page.status}`)
  const hppId = new URL(location).searchParams.get("hpp_id")!
  const res = await fetch(new URL("/hpp/3ds", location), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ hpp_id: hppId, result }).toString(),
    redirect: "manual",
  })
  if (res.status >= 400) throw new Error(`the 3-D Secure form was refused: ${res.status} ${await res.text()}`)
  return res.headers.get("location") ?? location
}

/** A POST to Medusa's webhook route for the provider, as the bank (or an attacker) would send it. */
export async function postCallback(medusaUrl: string, body: unknown, contentType = "application/json"): Promise<number> {
  const res = await fetch(`${medusaUrl}/hooks/payment/alliancepay_alliancepay`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  })
  await res.text()
  return res.status
}

const ORDER_FIELDS = [
  "id",
  "status",
  "total",
  "currency_code",
  "payment_status",
  "metadata",
  "summary",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
  "*payment_collections.payments.refunds",
  "*transactions",
].join(",")

/** Every order as the merchant's order list shows it, with payments, captures, refunds and the summary. */
export async function merchantOrders(client: MedusaApi): Promise<any[]> {
  const { orders } = await client.admin.get("/admin/orders", { params: { fields: ORDER_FIELDS, limit: 50 } })
  return orders
}

/** The payments of an order (every collection), flattened. */
export function paymentsOf(order: any): any[] {
  return (order.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])
}

/**
 * Medusa 2.21.2's webhook route reads `webhook_delay` from `paymentModule.options`, a property
 * the payment module service never sets: the medusa-config option is ignored and every callback
 * waits the default 5 s. Tests set the property the route reads (100 ms, MEDUSA_WEBHOOK_DELAY_MS)
 * so that callback-driven tests take a fraction of that; nothing else reads it.
 */
export function applyWebhookDelay(container: { resolve: (key: string) => any }, delayMs = Number(process.env.MEDUSA_WEBHOOK_DELAY_MS ?? 100)) {
  const payment = container.resolve("payment")
  payment.options = { ...(payment.options ?? {}), webhook_delay: delayMs, webhook_retries: 3 }
}

/**
 * Every `logger.error` Medusa writes from now on (subscriber and workflow failures land there):
 * `errors.length = 0` to start a test afresh.
 */
export function recordLoggedErrors(container: { resolve: (key: string) => any }): string[] {
  const logger = container.resolve("logger")
  const errors: string[] = []
  const original = logger.error.bind(logger)
  logger.error = (...args: unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : JSON.stringify(a))).join(" "))
    return original(...args)
  }
  return errors
}

/** Bank calls of one path that name this bank order (create-order has no hppOrderId, use bankCalls). */
export async function operationsCalls(sandbox: Sandbox, hppOrderId: string): Promise<BankCall[]> {
  return (await bankCalls(sandbox, BANK.orderOperations)).filter((c) => c.body?.hppOrderId === hppOrderId)
}

export interface WorkflowRuns {
  begun: number
  finished: number
  /** error messages of runs that finished with errors */
  errors: string[]
  reset(): void
}

/**
 * Counts runs of one workflow in the server (e.g. Medusa's process-payment-workflow, which each
 * accepted callback starts): lets a test wait until the server has finished reacting to callbacks
 * instead of guessing with sleeps. Observation only.
 */
export async function watchWorkflow(container: { resolve: (key: string) => any }, workflowId: string): Promise<WorkflowRuns> {
  const runs: WorkflowRuns = {
    begun: 0,
    finished: 0,
    errors: [],
    reset() {
      runs.begun = 0
      runs.finished = 0
      runs.errors = []
    },
  }
  await container.resolve("workflows").subscribe({
    workflowId,
    subscriberId: `integration-tests-${workflowId}`,
    subscriber: (event: { eventType: string; errors?: { error?: { message?: string } }[] }) => {
      if (event.eventType === "onBegin") runs.begun++
      if (event.eventType === "onFinish") {
        runs.finished++
        for (const e of event.errors ?? []) runs.errors.push(e.error?.message ?? JSON.stringify(e))
      }
    },
  })
  return runs
}

/** Waits until every started run has finished and nothing new started for `quietMs`. */
export async function waitForIdle(runs: WorkflowRuns, { atLeast = 0, quietMs = 300, timeoutMs = 20_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastChange = Date.now()
  let seen = -1
  for (;;) {
    const signature = runs.begun * 100_000 + runs.finished
    if (signature !== seen) {
      seen = signature
      lastChange = Date.now()
    }
    if (runs.finished >= atLeast && runs.begun === runs.finished && Date.now() - lastChange >= quietMs) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for the server to go idle (begun ${runs.begun}, finished ${runs.finished})`)
    await sleep(50)
  }
}

/**
 * The create-order calls the bank answered 200, i.e. the bank orders that exist. (The plugin keeps
 * its bank session per process and the sandbox forgets sessions on reset, so a test's first call may
 * be refused with 401 b_session_doesnt_exist and transparently repeated after a re-authorization.)
 */
export async function createdBankOrders(sandbox: Sandbox): Promise<BankCall[]> {
  return (await bankCalls(sandbox, BANK.createOrder)).filter((c) => c.httpStatus === 200)
}
