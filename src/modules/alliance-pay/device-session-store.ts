import { createHash } from "node:crypto"
import type { DeviceSession as BankSession, EcJwk, SessionStore } from "../../core/bank"
import type { SessionSealer } from "./session-sealing"

interface Row {
  id: string
  /** the device id and refresh token, sealed (see session-sealing.ts) */
  sealed_credentials: string | null
  server_public: Record<string, unknown> | null
  expires_at: Date | null
  obtained_at: Date | null
}

interface Credentials {
  deviceId: string
  refreshToken: string
}

export interface DeviceSessionPersistence {
  read(id: string): Promise<Row | null>
  write(row: Row): Promise<void>
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>
}

/** One row per service code; the id never reveals the code itself. */
export function deviceSessionId(serviceCode: string): string {
  return `apdev_${createHash("sha256").update(serviceCode).digest("hex").slice(0, 24)}`
}

function isCredentials(value: unknown): value is Credentials {
  const v = value as Partial<Credentials> | null
  return !!v && typeof v.deviceId === "string" && !!v.deviceId && typeof v.refreshToken === "string" && !!v.refreshToken
}

/**
 * The client's SessionStore backed by the database, so the server and every worker
 * share one bank session and renew it under one Postgres advisory lock. The device id and
 * refresh token are stored sealed; a row this process cannot open counts as no session,
 * so the client authorizes a new device and overwrites it.
 */
export class DatabaseSessionStore implements SessionStore {
  readonly #id: string
  readonly #db: DeviceSessionPersistence
  readonly #sealer: SessionSealer
  readonly #onUnreadable: () => void
  /**
   * This process's copy, so that a bank call does not cost a database read. It can only be
   * stale after another process renewed the session; the bank then refuses it, and the renewal
   * path re-reads under the lock (withLock drops the copy) and picks up the new session.
   */
  #cached: BankSession | null = null

  constructor(serviceCode: string, db: DeviceSessionPersistence, sealer: SessionSealer, onUnreadable: () => void = () => undefined) {
    this.#id = deviceSessionId(serviceCode)
    this.#db = db
    this.#sealer = sealer
    this.#onUnreadable = onUnreadable
  }

  async get(): Promise<BankSession | null> {
    this.#cached ??= await this.#read()
    return this.#cached
  }

  async #read(): Promise<BankSession | null> {
    const row = await this.#db.read(this.#id)
    if (!row?.sealed_credentials || !row.server_public || !row.expires_at) return null
    const credentials = this.#sealer.open(row.sealed_credentials, this.#id)
    if (!isCredentials(credentials)) {
      this.#onUnreadable()
      return null
    }
    return {
      deviceId: credentials.deviceId,
      refreshToken: credentials.refreshToken,
      serverPublic: row.server_public as unknown as EcJwk,
      expiresAt: new Date(row.expires_at).getTime(),
      obtainedAt: row.obtained_at ? new Date(row.obtained_at).getTime() : 0,
    }
  }

  async save(session: BankSession): Promise<void> {
    this.#cached = null
    const credentials: Credentials = { deviceId: session.deviceId, refreshToken: session.refreshToken }
    await this.#db.write({
      id: this.#id,
      sealed_credentials: this.#sealer.seal(credentials, this.#id),
      server_public: { ...session.serverPublic },
      expires_at: new Date(session.expiresAt),
      obtained_at: new Date(session.obtainedAt),
    })
    // the auth token is never used after authorization: it is not kept, here or on disk
    this.#cached = { ...session, authToken: null }
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#db.withLock(`alliancepay:${this.#id}`, async () => {
      this.#cached = null
      return fn()
    })
  }
}
