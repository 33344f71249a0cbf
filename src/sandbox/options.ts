import type { EcJwk } from "../core/bank/jwe"
import { badInput } from "./control-error"

export const CALLBACK_SHAPES = ["operation", "operations-object", "operations-array"] as const
export type CallbackShape = (typeof CALLBACK_SHAPES)[number]

/** Every code the docs give for "authorize again" (EN and UA spellings of doesnt_exist). */
export const SESSION_ERROR_CODES = [
  "b_session_doesnt_exist",
  "b_session_doesnt_exists",
  "b_used_token",
  "b_previous_auth_token_expired",
  "b_expired_token",
  "b_auth_token_expired",
] as const
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number]

export interface SandboxOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string
  /** 0 = a random free port (the default here; the CLI defaults to 4010). */
  port?: number
  /** Base of redirectUrl/statusUrl and of the hosted pages' links (default: the listening URL). */
  publicUrl?: string
  serviceCode?: string
  merchantId?: string
  /** The merchant private JWK (object or JSON text). A fresh P-384 pair is generated when absent. */
  merchantPrivateJwk?: EcJwk | string
  sessionTtlMs?: number
  orderTtlMinutesDefault?: number
  callbackRetryScheduleMs?: number[]
  /** null = PENDING refunds settle only through the control API. */
  refundSettleAfterMs?: number | null
  statusTimerSeconds?: number
  refundDateToleranceMs?: number
  /** Artificial delay added to every bank API answer (benchmarks). */
  latencyMs?: number
  callbackShape?: CallbackShape
  /** How long a callback delivery may take before it counts as failed (default 10 s). */
  callbackTimeoutMs?: number
  /** The code for a session replaced by a newer authorization (default b_session_doesnt_exist). */
  replacedSessionCode?: SessionErrorCode
  /** The code for a session past its expiry (default b_expired_token). */
  expiredSessionCode?: SessionErrorCode
  /** true: the service code is closed (over 200 days unused); everything answers b_auth_token_expired. */
  serviceClosed?: boolean
  /** Refund refusals after decryption come back inside the JWE (default) or as plain JSON. */
  refundErrorsInJwe?: boolean
  /** merchantComment must be in the documented charset a-zA-Z0-9 ,.;:@#$%'-=+ (default true). */
  strictMerchantComment?: boolean
}

/** The options that can change while the sandbox runs (PATCH /__sandbox/config). */
export interface RuntimeConfig {
  sessionTtlMs: number
  orderTtlMinutesDefault: number
  callbackRetryScheduleMs: number[]
  refundSettleAfterMs: number | null
  statusTimerSeconds: number
  refundDateToleranceMs: number
  latencyMs: number
  callbackShape: CallbackShape
  callbackTimeoutMs: number
  replacedSessionCode: SessionErrorCode
  expiredSessionCode: SessionErrorCode
  serviceClosed: boolean
  refundErrorsInJwe: boolean
  strictMerchantComment: boolean
}

export const DEFAULT_CONFIG: Readonly<RuntimeConfig> = Object.freeze({
  sessionTtlMs: 24 * 60 * 60 * 1000,
  orderTtlMinutesDefault: 15,
  callbackRetryScheduleMs: [500, 2000, 5000, 15000, 30000],
  refundSettleAfterMs: 3000,
  statusTimerSeconds: 10,
  refundDateToleranceMs: 5 * 60 * 1000,
  latencyMs: 0,
  callbackShape: "operation",
  callbackTimeoutMs: 10_000,
  replacedSessionCode: "b_session_doesnt_exist",
  expiredSessionCode: "b_expired_token",
  serviceClosed: false,
  refundErrorsInJwe: true,
  strictMerchantComment: true,
})

const CONFIG_KEYS = Object.keys(DEFAULT_CONFIG) as (keyof RuntimeConfig)[]

const MAX_DELAY_MS = 24 * 60 * 60 * 1000

function nonNegative(key: string, value: unknown, max = MAX_DELAY_MS): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max) {
    throw badInput(`${key} must be a number of milliseconds between 0 and ${max}`)
  }
  return value
}

function positiveInt(key: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw badInput(`${key} must be an integer between 1 and ${max}`)
  }
  return value
}

/** Validates a partial config; unknown keys are refused so that typos do not pass silently. */
export function parseConfigPatch(input: unknown): Partial<RuntimeConfig> {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw badInput("send a JSON object with the options to change, e.g. {\"latencyMs\": 50}")
  }
  const patch: Partial<RuntimeConfig> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    switch (key) {
      case "sessionTtlMs":
        patch.sessionTtlMs = positiveInt(key, value, 400 * 24 * 60 * 60 * 1000)
        break
      case "orderTtlMinutesDefault":
        patch.orderTtlMinutesDefault = positiveInt(key, value, 1440)
        break
      case "callbackRetryScheduleMs":
        if (!Array.isArray(value) || value.length > 20) {
          throw badInput(`${key} must be an array of at most 20 delays in milliseconds, e.g. [500, 2000]`)
        }
        patch.callbackRetryScheduleMs = value.map((v, i) => nonNegative(`${key}[${i}]`, v))
        break
      case "refundSettleAfterMs":
        patch.refundSettleAfterMs = value === null ? null : nonNegative(key, value)
        break
      case "statusTimerSeconds":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 3600) {
          throw badInput(`${key} must be an integer between 0 and 3600`)
        }
        patch.statusTimerSeconds = value
        break
      case "refundDateToleranceMs":
        patch.refundDateToleranceMs = nonNegative(key, value, 400 * 24 * 60 * 60 * 1000)
        break
      case "latencyMs":
        patch.latencyMs = nonNegative(key, value, 120_000)
        break
      case "callbackTimeoutMs":
        patch.callbackTimeoutMs = positiveInt(key, value, 120_000)
        break
      case "callbackShape":
        if (!CALLBACK_SHAPES.includes(value as CallbackShape)) {
          throw badInput(`${key} must be one of ${CALLBACK_SHAPES.join(", ")}`)
        }
        patch.callbackShape = value as CallbackShape
        break
      case "replacedSessionCode":
      case "expiredSessionCode":
        if (!SESSION_ERROR_CODES.includes(value as SessionErrorCode)) {
          throw badInput(`${key} must be one of ${SESSION_ERROR_CODES.join(", ")}`)
        }
        patch[key] = value as SessionErrorCode
        break
      case "serviceClosed":
      case "refundErrorsInJwe":
      case "strictMerchantComment":
        if (typeof value !== "boolean") throw badInput(`${key} must be true or false`)
        patch[key] = value
        break
      default:
        throw badInput(`unknown option "${key}"; the options that can change are ${CONFIG_KEYS.join(", ")}`)
    }
  }
  return patch
}

export function resolveRuntimeConfig(options: SandboxOptions): RuntimeConfig {
  const given: Record<string, unknown> = {}
  for (const key of CONFIG_KEYS) {
    if (options[key] !== undefined) given[key] = options[key]
  }
  let patch: Partial<RuntimeConfig>
  try {
    patch = parseConfigPatch(given)
  } catch (e) {
    throw new TypeError(`startSandbox: ${(e as Error).message}`)
  }
  return { ...DEFAULT_CONFIG, callbackRetryScheduleMs: [...DEFAULT_CONFIG.callbackRetryScheduleMs], ...patch }
}
