import type { z } from "zod"
import { omitEmpty } from "./customer"
import { formatRefundDate, parseBankDate } from "./dates"
import { bankComment } from "./free-text"
import { AlliancePayError } from "./errors"
import { decryptJson, encryptJson, importPrivateKey, importPublicKey, JweError, parseJwk } from "./jwe"
import {
  authorizePayloadSchema,
  callbackSchema,
  createOrderResponseSchema,
  normaliseHomoglyphs,
  operationSchema,
  orderStatusSchema,
  type BankCallback,
  type BankOperation,
  type BankOrderStatus,
  type CreateOrderResponse,
} from "./contract/answers"
import { DeviceSessionManager, InMemorySessionStore, type DeviceSession, type SessionStore } from "./session"
import { BANK_PATHS } from "./contract/paths"
import { completionRequestSchema, refundRequestSchema } from "./contract/requests"
import { Transport } from "./transport"
import { json, needsNewSession, protocolError, readJson, summarise, throwIfBankError, type Body } from "./answers"
import { checkRequest, createOrderBody, requireText, type CompletionInput, type CreateOrderInput, type RefundInput } from "./requests"

export type { CompletionInput, CreateOrderInput, RefundInput } from "./requests"


export interface Logger {
  debug?(message: string): void
  info?(message: string): void
  warn?(message: string): void
  error?(message: string): void
}

export interface AlliancePayClientOptions {
  /** e.g. https://api-ecom-prod.bankalliance.ua, or the sandbox's URL */
  baseUrl: string
  serviceCode: string
  merchantId: string
  /** the merchant's private P-384 JWK (object or JSON text); decrypts everything the bank encrypts for us */
  merchantPrivateKey: unknown
  sessionStore?: SessionStore
  /** per-call timeout (default 20 s, as the bank's WooCommerce plugin) */
  timeoutMs?: number
  /** authorize_virtual_device timeout (default 30 s) */
  authorizeTimeoutMs?: number
  /** renew the device session this long before it expires (default 5 min) */
  expiryMarginMs?: number
  logger?: Logger
  now?: () => number
}


export class AlliancePayClient {
  readonly merchantId: string
  readonly sessions: DeviceSessionManager
  readonly #serviceCode: string
  readonly #privateKey: ReturnType<typeof importPrivateKey>
  readonly #transport: Transport
  readonly #timeoutMs: number
  readonly #authorizeTimeoutMs: number
  readonly #logger: Logger
  readonly #now: () => number

  constructor(options: AlliancePayClientOptions) {
    for (const key of ["baseUrl", "serviceCode", "merchantId"] as const) {
      if (typeof options[key] !== "string" || !options[key].trim()) {
        throw new AlliancePayError({ kind: "config", msgCode: "client_config", msgText: `${key} is required` })
      }
    }
    this.merchantId = options.merchantId
    this.#serviceCode = options.serviceCode
    let jwk
    try {
      jwk = parseJwk(options.merchantPrivateKey, "merchantPrivateKey")
    } catch (e) {
      throw new AlliancePayError({ kind: "config", msgCode: "client_config", msgText: (e as Error).message })
    }
    this.#privateKey = importPrivateKey(jwk)
    this.#privateKey.catch(() => undefined) // surfaced on first use
    this.#transport = new Transport(options.baseUrl)
    this.#timeoutMs = options.timeoutMs ?? 20_000
    this.#authorizeTimeoutMs = options.authorizeTimeoutMs ?? 30_000
    this.#logger = options.logger ?? {}
    this.#now = options.now ?? Date.now
    this.sessions = new DeviceSessionManager(
      options.sessionStore ?? new InMemorySessionStore(),
      () => this.#authorizeDevice(),
      { expiryMarginMs: options.expiryMarginMs, now: this.#now }
    )
  }

  /** "Authorize by virtual device": a new session now, replacing the previous one at the bank. */
  authorizeDevice(): Promise<DeviceSession> {
    return this.sessions.forceRenew()
  }

  async createOrder(input: CreateOrderInput): Promise<CreateOrderResponse> {
    const body = createOrderBody(input, this.merchantId, this.#now())
    const answer = await this.#call(BANK_PATHS.createOrder, async () => json(body), createOrderResponseSchema)
    if (answer.coinAmount !== input.coinAmount) {
      throw protocolError(BANK_PATHS.createOrder, `the bank answered coinAmount ${answer.coinAmount}, we asked ${input.coinAmount}`)
    }
    return answer
  }

  /** The authoritative order state with every operation (purchase attempts and refunds). */
  getOrder(hppOrderId: string): Promise<BankOrderStatus> {
    requireText(hppOrderId, "hppOrderId")
    return this.#call(BANK_PATHS.orderOperations, async () => json({ hppOrderId }), orderStatusSchema)
  }

  async refund(input: RefundInput): Promise<BankOperation> {
    const payload = omitEmpty({
      merchantRequestId: input.merchantRequestId,
      merchantId: this.merchantId,
      operationId: input.operationId,
      coinAmount: input.coinAmount,
      notificationUrl: input.notificationUrl,
      notificationEncryption: input.notificationEncryption ? "true" : undefined,
      merchantComment: bankComment(input.merchantComment),
    })
    checkRequest(refundRequestSchema, { ...payload, date: formatRefundDate(new Date(this.#now())) })
    // Encrypted per attempt: after a re-authorization the bank has a new serverPublic.
    return this.#call(
      BANK_PATHS.refund,
      async (session) => ({
        text: await encryptJson({ ...payload, date: formatRefundDate(new Date(this.#now())) }, await importPublicKey(session.serverPublic)),
        contentType: "text/plain",
      }),
      operationSchema,
      true
    )
  }

  /**
   * COMPLETION of a held (PREAUTH) payment: takes `coinAmount` of the hold. Encrypted both
   * ways like a refund; the answer is the COMPLETION operation.
   */
  async complete(input: CompletionInput): Promise<BankOperation> {
    const payload = omitEmpty({
      merchantRequestId: input.merchantRequestId,
      merchantId: this.merchantId,
      originalOperationId: input.originalOperationId,
      coinAmount: input.coinAmount,
      notificationUrl: input.notificationUrl,
      notificationEncryption: input.notificationEncryption ? "true" : undefined,
      merchantComment: bankComment(input.merchantComment),
    })
    checkRequest(completionRequestSchema, { ...payload, date: formatRefundDate(new Date(this.#now())) })
    return this.#call(
      BANK_PATHS.completion,
      async (session) => ({
        text: await encryptJson({ ...payload, date: formatRefundDate(new Date(this.#now())) }, await importPublicKey(session.serverPublic)),
        contentType: "text/plain",
      }),
      operationSchema,
      true
    )
  }

  /** H2H look-up of one operation by the bank's operationId. */
  getOperation(operationId: string): Promise<BankOperation> {
    requireText(operationId, "operationId")
    return this.#call(BANK_PATHS.operationById, async () => json({ id: operationId }), operationSchema)
  }

  /** H2H look-up by our own merchantRequestId: what happened to a refund whose answer we never got. */
  getOperationByMerchantRequestId(merchantRequestId: string): Promise<BankOperation> {
    requireText(merchantRequestId, "merchantRequestId", 36)
    return this.#call(BANK_PATHS.operationByMerchantRequestId, async () => json({ merchantRequestId }), operationSchema)
  }

  /**
   * Reads a callback body in any documented form: JSON (`operation` / `operations`
   * object or array), a compact JWE (text/plain), or `{"jwe": …}`. Reading it proves
   * nothing: callers must re-read the order with getOrder before believing anything.
   */
  async decodeCallback(raw: string | Uint8Array | Record<string, unknown>): Promise<BankCallback> {
    let value: unknown = raw
    if (raw instanceof Uint8Array) value = new TextDecoder().decode(raw)
    if (typeof value === "string") {
      const text = value.trim()
      if (text.split(".").length === 5 && !text.startsWith("{")) value = { jwe: text }
      else {
        try {
          value = JSON.parse(text)
        } catch {
          throw protocolError("callback", "the callback body is neither JSON nor a compact JWE")
        }
      }
    }
    if (value && typeof value === "object" && typeof (value as { jwe?: unknown }).jwe === "string") {
      value = await this.#decrypt((value as { jwe: string }).jwe, "callback")
    }
    const parsed = callbackSchema.safeParse(normaliseHomoglyphs(value))
    if (!parsed.success) throw protocolError("callback", `unexpected callback shape: ${summarise(parsed.error)}`)
    return parsed.data
  }

  /** One bank call with the session protocol: lazy session, one re-authorization and one retry on session errors. */
  async #call<S extends z.ZodType>(
    path: string,
    body: (session: DeviceSession) => Promise<Body>,
    schema: S,
    encryptedAnswer = false
  ): Promise<z.output<S>> {
    let session = await this.sessions.current()
    try {
      return await this.#send(path, session, body, schema, encryptedAnswer)
    } catch (e) {
      if (!needsNewSession(e)) throw e
      this.#logger.info?.(`Alliance Pay: ${(e as AlliancePayError).msgCode} on ${path}; re-authorizing the device once`)
      session = await this.sessions.renewAfterRejection(session)
    }
    try {
      return await this.#send(path, session, body, schema, encryptedAnswer)
    } catch (e) {
      if (!needsNewSession(e)) throw e
      const first = e as AlliancePayError
      throw new AlliancePayError({
        kind: "config",
        msgCode: first.msgCode,
        msgText: `the bank refused a brand-new device session too (${first.msgText}); check the service code, merchant id and key, or ask the bank`,
        httpStatus: first.httpStatus,
        requestId: first.requestId,
        path,
      })
    }
  }

  async #send<S extends z.ZodType>(
    path: string,
    session: DeviceSession,
    body: (session: DeviceSession) => Promise<Body>,
    schema: S,
    encryptedAnswer: boolean
  ): Promise<z.output<S>> {
    const { text, contentType } = await body(session)
    const answer = await this.#transport.post({
      path,
      body: text,
      contentType,
      timeoutMs: this.#timeoutMs,
      headers: { "x-api_version": "V1", "x-device_id": session.deviceId, "x-refresh_token": session.refreshToken },
    })
    let value: unknown = readJson(answer, path)
    if (encryptedAnswer) {
      const jwe = (value as { jwe?: unknown }).jwe
      if (typeof jwe !== "string") throw protocolError(path, "expected an encrypted answer ({\"jwe\": …})", answer)
      value = await this.#decrypt(jwe, path)
      throwIfBankError(value, answer, path)
    }
    const parsed = schema.safeParse(normaliseHomoglyphs(value))
    if (!parsed.success) throw protocolError(path, `unexpected answer shape: ${summarise(parsed.error)}`, answer)
    return parsed.data
  }

  async #authorizeDevice(): Promise<DeviceSession> {
    const path = BANK_PATHS.authorize
    const answer = await this.#transport.post({
      path,
      body: JSON.stringify({ serviceCode: this.#serviceCode }),
      contentType: "application/json",
      timeoutMs: this.#authorizeTimeoutMs,
      headers: { "x-api_version": "V1" },
    })
    let value: unknown
    try {
      value = readJson(answer, path)
    } catch (e) {
      // the authorize call's own session codes mean the device is closed, not that we should re-authorize
      if (e instanceof AlliancePayError && e.kind === "session") {
        throw new AlliancePayError({
          kind: "config",
          msgCode: e.msgCode,
          msgText:
            e.msgCode === "b_auth_token_expired"
              ? "API access for this service code is closed (over 200 days unused); only the bank's support can reopen it"
              : `the bank refused to authorize this device: ${e.msgText}`,
          httpStatus: e.httpStatus,
          requestId: e.requestId,
          path,
        })
      }
      throw e
    }
    const jwe = (value as { jwe?: unknown }).jwe
    if (typeof jwe !== "string") throw protocolError(path, "expected an encrypted answer ({\"jwe\": …})", answer)
    const payload = await this.#decrypt(jwe, path)
    throwIfBankError(payload, answer, path)
    const parsed = authorizePayloadSchema.safeParse(payload)
    if (!parsed.success) throw protocolError(path, `unexpected authorization payload: ${summarise(parsed.error)}`, answer)
    let serverPublic
    try {
      serverPublic = parseJwk(parsed.data.serverPublic, "serverPublic")
    } catch (e) {
      throw protocolError(path, (e as Error).message, answer)
    }
    const now = this.#now()
    const expiresAt =
      parseBankDate(parsed.data.tokenExpirationDateTime) ?? parseBankDate(parsed.data.tokenExpiration) ?? now + 24 * 3600_000
    this.#logger.info?.(`Alliance Pay: device authorized; session valid until ${new Date(expiresAt).toISOString()}`)
    return {
      deviceId: parsed.data.deviceId,
      refreshToken: parsed.data.refreshToken,
      authToken: parsed.data.authToken,
      serverPublic,
      expiresAt,
      obtainedAt: now,
    }
  }

  async #decrypt(token: string, path: string): Promise<unknown> {
    let key
    try {
      key = await this.#privateKey
    } catch (e) {
      throw new AlliancePayError({ kind: "config", msgCode: "client_config", msgText: (e as Error).message, path })
    }
    try {
      return await decryptJson(token, key)
    } catch (e) {
      const reason = e instanceof JweError ? e.message : "decryption failed"
      throw protocolError(path, `${reason}; is the merchant private key the one registered with the bank?`)
    }
  }
}
