import { createServer } from "node:net"
import { startSandbox, type Sandbox } from "../../../src/sandbox"

export const ALLIANCE_PROVIDER = "pp_alliancepay_alliancepay"

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

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
  body: Record<string, unknown> | null
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
export async function payOnHostedPage(redirectUrl: string, card = "4111 1111 1111 1111"): Promise<string> {
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
