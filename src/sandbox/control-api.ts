import type { IncomingMessage, ServerResponse } from "node:http"
import { PAYMENT_METHODS, type PaymentMethod } from "../core/bank/contract/answers"
import type { SandboxContext } from "./context"
import { ControlError, badInput } from "./control-error"
import { BodyTooLargeError, parseJson, readBody, sendJson } from "./http-io"
import { parseConfigPatch } from "./options"
import { orderStatusJson, type Order } from "./order-model"
import { RESPONSES, type PurchaseBehaviour } from "../core/bank/contract/test-cards"

export const CONTROL_PREFIX = "/__sandbox"

type Body = Record<string, unknown>
type Handler = (ctx: SandboxContext, body: Body, params: string[], url: URL) => unknown

interface Route {
  method: string
  path: string
  pattern: RegExp
  handler: Handler
}

const routes: Route[] = []
const route = (method: string, path: string, handler: Handler) => {
  const pattern = new RegExp(`^${CONTROL_PREFIX}${path.replace(/:[a-zA-Z]+/g, "([^/]+)")}/?$`)
  routes.push({ method, path: `${CONTROL_PREFIX}${path}`, pattern, handler })
}

function merchantConfig(ctx: SandboxContext) {
  return {
    apiUrl: ctx.publicUrl,
    serviceCode: ctx.merchant.serviceCode,
    merchantId: ctx.merchant.merchantId,
    privateJwk: ctx.merchant.privateJwk,
    publicJwk: ctx.merchant.publicJwk,
  }
}

function orderState(ctx: SandboxContext, order: Order) {
  const success = ctx.ledger.refundTarget(order)
  return {
    ...orderStatusJson(order),
    language: order.language,
    statusPageType: order.statusPageType,
    successUrl: order.successUrl,
    failUrl: order.failUrl,
    notificationEncryption: order.notificationEncryption,
    purpose: order.purpose ?? null,
    customerData: order.customerData,
    expired: ctx.ledger.isExpired(order),
    preAuthExpDate: order.preAuthExpiresAt?.toISOString() ?? null,
    refundableAmount: success ? ctx.ledger.refundable(success, order) : 0,
  }
}

function findOrder(ctx: SandboxContext, hppOrderId: string): Order {
  const order = ctx.ledger.get(hppOrderId)
  if (!order) throw new ControlError(404, `no order with hppOrderId ${hppOrderId}`)
  return order
}

function settleStatus(body: Body): "SUCCESS" | "FAIL" {
  if (body.status !== "SUCCESS" && body.status !== "FAIL") throw badInput('status must be "SUCCESS" or "FAIL"')
  return body.status
}

route("GET", "", () => ({
  message: "Alliance Pay sandbox control API",
  routes: routes.map((r) => `${r.method} ${r.path}`),
}))

route("GET", "/config", (ctx) => ({ ...merchantConfig(ctx), options: ctx.config }))

route("PATCH", "/config", (ctx, body) => {
  ctx.config = { ...ctx.config, ...parseConfigPatch(body) }
  return { ...merchantConfig(ctx), options: ctx.config }
})

route("GET", "/faults", (ctx) => ({ faults: ctx.faults.list() }))
route("POST", "/faults", (ctx, body) => ({ fault: ctx.faults.add(body) }))
route("DELETE", "/faults", (ctx) => ({ cleared: ctx.faults.clear() }))

route("POST", "/session/expire", (ctx, body) => {
  if (body.deviceId !== undefined && typeof body.deviceId !== "string") throw badInput("deviceId must be a string")
  return { expired: ctx.sessions.expire(body.deviceId as string | undefined), sessions: ctx.sessions.describe() }
})
route("GET", "/sessions", (ctx) => ({ sessions: ctx.sessions.describe() }))

route("GET", "/callbacks", (ctx) => ({ attempts: ctx.callbacks.log(), pending: ctx.callbacks.modes() }))
route("POST", "/callbacks", (ctx, body) => ({ pending: ctx.callbacks.addMode(body) }))
route("DELETE", "/callbacks", (ctx) => {
  ctx.callbacks.clearLog()
  return { cleared: true }
})

route("GET", "/orders", (ctx) => ({ orders: ctx.ledger.list().map((o) => orderState(ctx, o)) }))
route("GET", "/orders/:id", (ctx, _b, [id]) => orderState(ctx, findOrder(ctx, id)))

route("POST", "/orders/:id/pay", (ctx, body, [id]) => {
  const order = findOrder(ctx, id)
  const outcomes = ["SUCCESS", "FAIL", "PENDING", "REQUIRED_3DS"]
  if (!outcomes.includes(body.outcome as string)) throw badInput(`outcome must be one of ${outcomes.join(", ")}`)
  // an A2A order is paid by a transfer from a bank account, whatever method is named
  const method = order.hppPayType === "A2A" ? "ACCOUNT" : ((body.method ?? "CARD") as PaymentMethod)
  if (method !== "ACCOUNT" && !PAYMENT_METHODS.includes(method)) throw badInput(`method must be one of ${PAYMENT_METHODS.join(", ")}`)
  if (method !== "ACCOUNT" && !order.paymentMethods.includes(method)) {
    throw badInput(`method ${method} was not requested for this order (paymentMethods: ${order.paymentMethods.join(", ")})`)
  }
  const refusal = ctx.ledger.refusal(order)
  if (refusal === "expired") throw new ControlError(409, `order ${id} has expired; no payment is possible`)
  if (refusal === "attempted") throw new ControlError(409, `order ${id} already has a payment attempt (ONE_TRY)`)
  const behaviour: PurchaseBehaviour =
    body.outcome === "FAIL" ? { status: "FAIL", info: RESPONSES.declined } : { status: body.outcome as "SUCCESS" | "PENDING" | "REQUIRED_3DS" }
  ctx.ledger.startPurchase(order, { method, behaviour })
  return orderState(ctx, order)
})

route("POST", "/orders/:id/settle", (ctx, body, [id]) => {
  const order = findOrder(ctx, id)
  ctx.ledger.settlePurchase(order, settleStatus(body))
  return orderState(ctx, order)
})

route("POST", "/orders/:id/expire", (ctx, _b, [id]) => {
  const order = findOrder(ctx, id)
  ctx.ledger.expire(order)
  return orderState(ctx, order)
})

route("POST", "/orders/:id/expire-hold", (ctx, body, [id]) => {
  const order = findOrder(ctx, id)
  // {"inMs": n}: the hold ends n ms from now instead (e.g. within the day, for the admin's warning)
  const inMs = (body as { inMs?: unknown } | undefined)?.inMs
  if (inMs !== undefined && (typeof inMs !== "number" || !Number.isSafeInteger(inMs) || inMs < 0)) {
    throw new ControlError(400, "inMs must be a whole number of milliseconds, 0 or more")
  }
  ctx.ledger.expireHold(order, Date.now(), inMs as number | undefined)
  return orderState(ctx, order)
})

route("POST", "/refunds/:merchantRequestId/settle", (ctx, body, [merchantRequestId]) => {
  const { order } = ctx.ledger.settleRefund(merchantRequestId, settleStatus(body))
  return orderState(ctx, order)
})

route("GET", "/calls", (ctx, _b, _p, url) => {
  const since = url.searchParams.get("since") ?? undefined
  if (since !== undefined && !Number.isFinite(Number(since)) && !Number.isFinite(Date.parse(since))) {
    throw badInput("since must be a call seq number or an ISO date")
  }
  return { calls: ctx.calls.list({ path: url.searchParams.get("path") ?? undefined, since }) }
})
route("DELETE", "/calls", (ctx) => {
  ctx.calls.clear()
  return { cleared: true }
})

route("POST", "/reset", (ctx) => {
  ctx.sessions.reset()
  ctx.ledger.reset()
  ctx.callbacks.clear()
  ctx.faults.clear()
  ctx.calls.clear()
  for (const socket of ctx.heldSockets) socket.destroy()
  ctx.heldSockets.clear()
  ctx.config = { ...ctx.initialConfig, callbackRetryScheduleMs: [...ctx.initialConfig.callbackRetryScheduleMs] }
  return { reset: true, ...merchantConfig(ctx) }
})

/** The test/demo hooks under /__sandbox/: JSON in, JSON out, `{message}` on any refusal. */
export async function handleControl(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET"
  const matching = routes.filter((r) => r.pattern.test(url.pathname))
  let text: string
  try {
    text = await readBody(req)
  } catch (e) {
    if (e instanceof BodyTooLargeError) sendJson(res, 413, { message: e.message })
    return
  }
  if (matching.length === 0) return sendJson(res, 404, { message: `no control route ${url.pathname}` })
  const found = matching.find((r) => r.method === method)
  if (!found) {
    return sendJson(res, 405, { message: `use ${matching.map((r) => r.method).join(" or ")} on ${url.pathname}` })
  }
  let body: Body = {}
  if (text.trim() !== "") {
    const parsed = parseJson(text)
    if (!parsed.ok) return sendJson(res, 400, { message: "the body is not valid JSON" })
    if (!parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
      return sendJson(res, 400, { message: "the body must be a JSON object" })
    }
    body = parsed.value as Body
  }
  try {
    const params = (found.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p))
    sendJson(res, 200, await found.handler(ctx, body, params, url))
  } catch (e) {
    if (e instanceof ControlError) return sendJson(res, e.status, { message: e.message })
    if (e instanceof URIError) return sendJson(res, 400, { message: "the path is not valid percent-encoding" })
    console.error("[alliancepay-sandbox] control API error", e)
    sendJson(res, 500, { message: e instanceof Error ? e.message : String(e) })
  }
}
