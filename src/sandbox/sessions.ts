import { formatKyivDate, formatTokenExpiry } from "../core/bank/dates"
import { generateEcKeyPair, importPrivateKey, type EcJwk } from "../core/bank/jwe"
import { BankError } from "./bank-errors"
import { uuid } from "./ids"
import type { JweKey, MerchantIdentity } from "./merchant"
import type { SessionErrorCode } from "./options"

/** What the call log may say about the credentials a call carried (never the values). */
export type SessionClass = "none" | "current" | "previous" | "expired" | "unknown"

export interface Session {
  deviceId: string
  refreshToken: string
  authToken: string
  serverPublicJwk: EcJwk
  serverPrivateKey: JweKey
  createdAt: number
  expiresAt: number
  replaced: boolean
}

export interface AuthorizePayload {
  deviceId: string
  refreshToken: string
  authToken: string
  serverPublic: { kty: "EC"; crv: string; x: string; y: string }
  tokenExpirationDateTime: string
  tokenExpiration: string
  sessionExpiration: string
}

const API_VERSIONS = new Set(["V1", "v1", "1"])

export interface SessionCodes {
  replaced: SessionErrorCode
  expired: SessionErrorCode
  serviceClosed: boolean
}

const DEFAULT_CODES: SessionCodes = { replaced: "b_session_doesnt_exist", expired: "b_expired_token", serviceClosed: false }

const SESSION_TEXTS: Record<SessionErrorCode, string> = {
  b_session_doesnt_exist: "@Session doesn't exist",
  b_session_doesnt_exists: "@Session doesn't exists",
  b_used_token: "@Used Token Alert!",
  b_previous_auth_token_expired: "@Previous auth token expired",
  b_expired_token: "@Token expired",
  b_auth_token_expired: "@Auth token expired: API access for this service code is closed; contact the bank",
}

const sessionError = (code: SessionErrorCode) => new BankError(401, code, SESSION_TEXTS[code])
const serviceClosedError = () => sessionError("b_auth_token_expired")

export interface SessionHeaders {
  apiVersion?: string
  deviceId?: string
  refreshToken?: string
}

export class SessionStore {
  private readonly byToken = new Map<string, Session>()
  private readonly current = new Map<string, Session>()

  constructor(private readonly merchant: MerchantIdentity) {}

  /** Every authorization starts a new session and retires the previous one (api §3.4). */
  async authorize(serviceCode: unknown, ttlMs: number, serviceClosed = false, now = Date.now()): Promise<AuthorizePayload> {
    if (typeof serviceCode !== "string" || serviceCode.trim() === "") {
      throw new BankError(400, "b_request_is_not_correct", "@Request is not correct: serviceCode is required")
    }
    if (serviceCode !== this.merchant.serviceCode) {
      throw new BankError(200, "b_merchant_not_found", "@Merchant not found for this serviceCode")
    }
    if (serviceClosed) throw serviceClosedError()
    const { privateJwk, publicJwk } = await generateEcKeyPair()
    const session: Session = {
      deviceId: this.merchant.deviceId,
      refreshToken: uuid(),
      authToken: uuid(),
      serverPublicJwk: publicJwk,
      serverPrivateKey: await importPrivateKey(privateJwk),
      createdAt: now,
      expiresAt: now + ttlMs,
      replaced: false,
    }
    const previous = this.current.get(session.deviceId)
    if (previous) previous.replaced = true
    this.current.set(session.deviceId, session)
    this.byToken.set(session.refreshToken, session)

    const expiry = new Date(session.expiresAt)
    return {
      deviceId: session.deviceId,
      refreshToken: session.refreshToken,
      authToken: session.authToken,
      serverPublic: { kty: "EC", crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y },
      tokenExpirationDateTime: formatTokenExpiry(expiry),
      // the docs print tokenExpiration with milliseconds: "2025-02-15 00:45:24.463+02:00"
      tokenExpiration: formatKyivDate(expiry, 3),
      sessionExpiration: formatKyivDate(expiry, 3),
    }
  }

  classify(headers: SessionHeaders, now = Date.now()): { session: SessionClass; found?: Session } {
    if (!headers.deviceId || !headers.refreshToken) return { session: "none" }
    if (headers.deviceId !== this.merchant.deviceId) return { session: "unknown" }
    const found = this.byToken.get(headers.refreshToken)
    if (!found || found.deviceId !== headers.deviceId) return { session: "unknown" }
    if (found.replaced) return { session: "previous", found }
    if (now >= found.expiresAt) return { session: "expired", found }
    return { session: "current", found }
  }

  /** The checks every bank call except authorize goes through, in the order the bank answers them. */
  verify(headers: SessionHeaders, codes: SessionCodes = DEFAULT_CODES, now = Date.now()): Session {
    if (!headers.apiVersion || !API_VERSIONS.has(headers.apiVersion)) {
      throw new BankError(400, "b_request_is_not_correct", "@Request is not correct: header x-api_version must be V1")
    }
    if (!headers.deviceId) throw new BankError(200, "b_virtual_device_not_found", "@Virtual device not found")
    if (!headers.refreshToken) throw new BankError(200, "b_refresh_token_absent", "@Refresh token is absent")
    if (headers.deviceId !== this.merchant.deviceId) throw new BankError(401, "b_unknown_device", "@Unknown device")
    if (codes.serviceClosed) throw serviceClosedError()
    const { session, found } = this.classify(headers, now)
    if (session === "expired") throw sessionError(codes.expired)
    if (session === "previous") throw sessionError(codes.replaced)
    if (session !== "current" || !found) throw sessionError("b_session_doesnt_exist")
    return found
  }

  /** Ends the current session of one device (or of every device) now. */
  expire(deviceId?: string, now = Date.now()): number {
    let count = 0
    for (const [device, session] of this.current) {
      if (deviceId && device !== deviceId) continue
      if (session.expiresAt > now) {
        session.expiresAt = now
        count++
      }
    }
    return count
  }

  describe(now = Date.now()) {
    return [...this.current.values()].map((s) => ({
      createdAt: new Date(s.createdAt).toISOString(),
      expiresAt: new Date(s.expiresAt).toISOString(),
      expired: now >= s.expiresAt,
    }))
  }

  reset(): void {
    this.byToken.clear()
    this.current.clear()
  }
}
