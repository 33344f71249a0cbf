import { createHash } from "node:crypto"
import type { DeviceSession as BankSession, EcJwk, SessionStore } from "../../lib/alliance-pay"

interface Row {
  id: string
  device_id: string | null
  refresh_token: string | null
  auth_token: string | null
  server_public: Record<string, unknown> | null
  expires_at: Date | null
  obtained_at: Date | null
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

/**
 * The client's SessionStore backed by the database, so the server and every worker
 * share one bank session and renew it under one Postgres advisory lock.
 */
export class DatabaseSessionStore implements SessionStore {
  readonly #id: string
  readonly #db: DeviceSessionPersistence
  /**
   * This process's copy, so that a bank call does not cost a database read. It can only be
   * stale after another process renewed the session; the bank then refuses it, and the renewal
   * path re-reads under the lock (withLock drops the copy) and picks up the new session.
   */
  #cached: BankSession | null = null

  constructor(serviceCode: string, db: DeviceSessionPersistence) {
    this.#id = deviceSessionId(serviceCode)
    this.#db = db
  }

  async get(): Promise<BankSession | null> {
    this.#cached ??= await this.#read()
    return this.#cached
  }

  async #read(): Promise<BankSession | null> {
    const row = await this.#db.read(this.#id)
    if (!row?.device_id || !row.refresh_token || !row.server_public || !row.expires_at) return null
    return {
      deviceId: row.device_id,
      refreshToken: row.refresh_token,
      authToken: row.auth_token,
      serverPublic: row.server_public as unknown as EcJwk,
      expiresAt: new Date(row.expires_at).getTime(),
      obtainedAt: row.obtained_at ? new Date(row.obtained_at).getTime() : 0,
    }
  }

  async save(session: BankSession): Promise<void> {
    this.#cached = null
    await this.#db.write({
      id: this.#id,
      device_id: session.deviceId,
      refresh_token: session.refreshToken,
      auth_token: session.authToken ?? null,
      server_public: { ...session.serverPublic },
      expires_at: new Date(session.expiresAt),
      obtained_at: new Date(session.obtainedAt),
    })
    this.#cached = session
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#db.withLock(`alliancepay:${this.#id}`, async () => {
      this.#cached = null
      return fn()
    })
  }
}
