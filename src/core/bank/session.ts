import type { EcJwk } from "./jwe"

/** What authorize_virtual_device gives us; every field but expiresAt is a secret except serverPublic. */
export interface DeviceSession {
  deviceId: string
  refreshToken: string
  authToken?: string | null
  serverPublic: EcJwk
  /** epoch ms when the bank stops accepting it */
  expiresAt: number
  /** epoch ms when we obtained it */
  obtainedAt: number
}

/**
 * Where the one device session lives. A new authorization kills the previous session
 * at the bank, so every process must share one store and renew under its lock.
 */
export interface SessionStore {
  get(): Promise<DeviceSession | null>
  save(session: DeviceSession): Promise<void>
  /** Runs `fn` while holding a lock every user of this store respects (cross-process for shared stores). */
  withLock<T>(fn: () => Promise<T>): Promise<T>
}

export class InMemorySessionStore implements SessionStore {
  #session: DeviceSession | null = null
  #tail: Promise<unknown> = Promise.resolve()

  async get() {
    return this.#session
  }

  async save(session: DeviceSession) {
    this.#session = session
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn)
    this.#tail = run.catch(() => undefined)
    return run
  }
}

export interface SessionManagerOptions {
  /** renew this long before the bank's expiry (default 5 min) */
  expiryMarginMs?: number
  now?: () => number
}

const sameSession = (a: DeviceSession | null, b: DeviceSession | null) =>
  !!a && !!b && a.deviceId === b.deviceId && a.refreshToken === b.refreshToken

/**
 * Lazy, single-flight device session. Concurrent callers that find the session
 * unusable share one renewal in this process, and the store's lock makes it one
 * across processes: after taking the lock we re-read the store, and whoever finds
 * a fresh session there uses it instead of authorizing again.
 */
export class DeviceSessionManager {
  readonly #store: SessionStore
  readonly #authorize: () => Promise<DeviceSession>
  readonly #marginMs: number
  readonly #now: () => number
  #inflight: Promise<DeviceSession> | null = null

  constructor(store: SessionStore, authorize: () => Promise<DeviceSession>, options: SessionManagerOptions = {}) {
    this.#store = store
    this.#authorize = authorize
    this.#marginMs = options.expiryMarginMs ?? 5 * 60_000
    this.#now = options.now ?? Date.now
  }

  isUsable(session: DeviceSession | null): session is DeviceSession {
    return !!session && session.expiresAt - this.#marginMs > this.#now()
  }

  async current(): Promise<DeviceSession> {
    const session = await this.#store.get()
    return this.isUsable(session) ? session : this.#renew(session, false)
  }

  /** The bank refused `rejected`: renew unless someone already replaced it. */
  renewAfterRejection(rejected: DeviceSession): Promise<DeviceSession> {
    return this.#renew(rejected, false)
  }

  /** Authorize now even if the stored session looks fine (connection check, scheduled renewal). */
  forceRenew(): Promise<DeviceSession> {
    return this.#renew(null, true)
  }

  /** Renew only when the stored session expires within `withinMs` (scheduled renewal). */
  async renewIfExpiringWithin(withinMs: number): Promise<{ renewed: boolean; session: DeviceSession }> {
    const session = await this.#store.get()
    if (session && session.expiresAt - withinMs > this.#now()) return { renewed: false, session }
    const before = session
    const fresh = await this.#renew(before, false, withinMs)
    return { renewed: !sameSession(before, fresh), session: fresh }
  }

  #renew(stale: DeviceSession | null, force: boolean, withinMs?: number): Promise<DeviceSession> {
    if (this.#inflight) return this.#inflight
    const run = this.#store
      .withLock(async () => {
        const latest = await this.#store.get()
        const freshEnough =
          withinMs === undefined ? this.isUsable(latest) : !!latest && latest.expiresAt - withinMs > this.#now()
        if (!force && freshEnough && !sameSession(latest, stale)) return latest!
        const fresh = await this.#authorize()
        await this.#store.save(fresh)
        return fresh
      })
      .finally(() => {
        if (this.#inflight === run) this.#inflight = null
      })
    this.#inflight = run
    return run
  }
}
