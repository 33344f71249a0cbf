import type { IncomingMessage, ServerResponse } from "node:http"
import { decryptJson, encryptJson } from "../core/bank/jwe"
import { BankError, errorBody, requestNotCorrect } from "./bank-errors"
import { BANK_PATHS, type BankPath } from "../core/bank/contract/paths"
import type { CallRecord } from "./call-log"
import type { SandboxContext } from "./context"
import { parseCreateOrder } from "./create-order-request"
import type { AppliedFault } from "./faults"
import { BodyTooLargeError, MAX_BODY_BYTES, header, parseJson, readBody, sendJson } from "./http-io"
import { uuid } from "./ids"
import { createOrderJson, operationJson, orderStatusJson } from "./order-model"
import { parseCompletion } from "./completion-request"
import { parseRefund } from "./refund-request"
import type { SessionHeaders } from "./sessions"

interface Answer {
  status: number
  body: unknown
  msgCode?: string
}

const LOGGED_TEXT_LIMIT = 2000

function errorAnswer(requestId: string, e: BankError): Answer {
  return { status: e.httpStatus, body: errorBody(requestId, e.msgCode, e.msgText), msgCode: e.msgCode }
}

async function faultAnswer(ctx: SandboxContext, requestId: string, fault: AppliedFault): Promise<Answer> {
  const answer = errorAnswer(requestId, new BankError(fault.httpStatus, fault.msgCode, fault.msgText))
  return fault.jwe ? { ...answer, body: { jwe: await encryptJson(answer.body, ctx.merchant.publicKey) } } : answer
}

function jsonBody(text: string): unknown {
  const parsed = parseJson(text)
  if (!parsed.ok) throw new BankError(400, "b_error_parse_json", "@Error parsing JSON request body")
  return parsed.value
}

function jsonObject(text: string): Record<string, unknown> {
  const value = jsonBody(text)
  if (!value || typeof value !== "object" || Array.isArray(value)) throw requestNotCorrect("the body must be a JSON object")
  return value as Record<string, unknown>
}

function requiredId(body: Record<string, unknown>, key: string): string {
  const value = body[key]
  if (value === undefined) throw requestNotCorrect(`field ${key} is required`)
  if (typeof value !== "string" || value.trim() === "") throw requestNotCorrect(`field ${key} must be a non-empty string`)
  return value
}

/** One bank call: log, faults, session, the endpoint itself, latency — in that order. */
export async function handleBankCall(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: BankPath
): Promise<void> {
  const startedAt = Date.now()
  const sentRequestId = header(req, "x-request_id")
  const requestId = sentRequestId ?? uuid()
  const headers: SessionHeaders = {
    apiVersion: header(req, "x-api_version"),
    deviceId: header(req, "x-device_id"),
    refreshToken: header(req, "x-refresh_token"),
  }
  const record = ctx.calls.start({
    method: req.method ?? "?",
    path,
    requestId: sentRequestId ?? null,
    apiVersion: headers.apiVersion ?? null,
    session: ctx.sessions.classify(headers).session,
    peerPort: req.socket.remotePort ?? null,
  })
  const send = (answer: Answer) => {
    record.httpStatus = answer.status
    // an error inside a JWE answer was noted on the record by the endpoint itself
    record.msgCode = answer.msgCode ?? record.msgCode ?? null
    record.durationMs = Date.now() - startedAt
    sendJson(res, answer.status, answer.body)
  }

  if (req.method !== "POST") {
    req.resume()
    send(errorAnswer(requestId, new BankError(405, "b_request_is_not_correct", "@Only POST is supported")))
    return
  }
  let text: string
  try {
    text = await readBody(req)
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      send(errorAnswer(requestId, new BankError(413, "b_request_is_not_correct", `@Body larger than ${MAX_BODY_BYTES} bytes`)))
    }
    return
  }
  const parsed = parseJson(text)
  record.body = parsed.ok ? parsed.value : text.slice(0, LOGGED_TEXT_LIMIT)

  const fault = ctx.faults.take(path)
  if (fault) record.fault = { id: fault.id, kind: fault.kind, phase: fault.phase }
  if (fault?.phase === "before") {
    if (fault.kind === "timeout") return hold(ctx, res, fault.delayMs)
    if (fault.kind === "delay") await ctx.timers.sleep(fault.delayMs)
    else {
      await ctx.timers.sleep(ctx.config.latencyMs)
      return send(await faultAnswer(ctx, requestId, fault))
    }
  }

  let answer: Answer
  try {
    answer = { status: 200, body: await processCall(ctx, path, text, headers, record, requestId) }
  } catch (e) {
    if (e instanceof BankError) answer = errorAnswer(requestId, e)
    else {
      console.error("[alliancepay-sandbox] unexpected error on", path, e)
      answer = errorAnswer(requestId, new BankError(500, "b_unknown_error", "@Unknown error"))
    }
  }

  if (fault?.phase === "after") {
    if (fault.kind === "timeout") return hold(ctx, res, fault.delayMs)
    if (fault.kind === "delay") await ctx.timers.sleep(fault.delayMs)
    else answer = await faultAnswer(ctx, requestId, fault)
  }
  await ctx.timers.sleep(ctx.config.latencyMs)
  send(answer)
}

/** A "timeout" fault: never answer, then cut the connection. */
function hold(ctx: SandboxContext, res: ServerResponse, ms: number): void {
  const socket = res.socket
  if (!socket) return
  ctx.heldSockets.add(socket)
  socket.once("close", () => ctx.heldSockets.delete(socket))
  ctx.timers.after(ms, () => socket.destroy())
}

async function processCall(
  ctx: SandboxContext,
  path: BankPath,
  text: string,
  headers: SessionHeaders,
  record: CallRecord,
  requestId: string
): Promise<unknown> {
  if (path === BANK_PATHS.authorize) {
    const body = jsonObject(text)
    const payload = await ctx.sessions.authorize(body.serviceCode, ctx.config.sessionTtlMs, ctx.config.serviceClosed)
    return { jwe: await encryptJson(payload, ctx.merchant.publicKey) }
  }

  const session = ctx.sessions.verify(headers, {
    replaced: ctx.config.replacedSessionCode,
    expired: ctx.config.expiredSessionCode,
    serviceClosed: ctx.config.serviceClosed,
  })
  const merchantId = ctx.merchant.merchantId

  switch (path) {
    case BANK_PATHS.createOrder: {
      const input = parseCreateOrder(jsonBody(text), merchantId, ctx.config.strictMerchantComment)
      return createOrderJson(ctx.ledger.createOrder(input))
    }
    case BANK_PATHS.orderOperations: {
      const hppOrderId = requiredId(jsonObject(text), "hppOrderId")
      const order = ctx.ledger.get(hppOrderId)
      if (!order) throw new BankError(404, "b_hpp_order_not_found", "@The HPP order not found")
      return orderStatusJson(order)
    }
    case BANK_PATHS.refund:
    case BANK_PATHS.completion: {
      let decrypted: unknown
      try {
        decrypted = await decryptJson(text, session.serverPrivateKey)
      } catch {
        throw new BankError(200, "b_encryptor_failed_decrypt_message", "@Failed to decrypt message")
      }
      record.body = decrypted
      let answer: unknown
      try {
        const strict = ctx.config.strictMerchantComment
        const { order, op } =
          path === BANK_PATHS.refund
            ? ctx.ledger.refund(parseRefund(decrypted, merchantId, strict))
            : ctx.ledger.complete(parseCompletion(decrypted, merchantId, strict))
        answer = operationJson(order, op)
      } catch (e) {
        // once the bank has read the request, its refusal travels encrypted like the answer (the SDK reads it there)
        if (!(e instanceof BankError) || !ctx.config.refundErrorsInJwe) throw e
        record.msgCode = e.msgCode
        answer = errorBody(requestId, e.msgCode, e.msgText)
      }
      return { jwe: await encryptJson(answer, ctx.merchant.publicKey) }
    }
    case BANK_PATHS.operationById: {
      const found = ctx.ledger.findOperation(requiredId(jsonObject(text), "id"))
      if (!found) throw new BankError(404, "payment_operation_not_found", "@Payment operation not found")
      return operationJson(found.order, found.op)
    }
    case BANK_PATHS.operationByMerchantRequestId: {
      const found = ctx.ledger.findByMerchantRequestId(requiredId(jsonObject(text), "merchantRequestId"))
      if (!found) throw new BankError(404, "payment_operation_not_found", "@Payment operation not found")
      return operationJson(found.order, found.op)
    }
  }
  throw new BankError(404, "b_service_unavailable", "@Unknown service")
}
