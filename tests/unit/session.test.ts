import { describe, expect, it } from "vitest"
import { DeviceSessionManager, InMemorySessionStore, type DeviceSession } from "../../src/core/bank/session"

const serverPublic = { kty: "EC", crv: "P-384", x: "x".repeat(64), y: "y".repeat(64) } as const

function fakeBank(now: () => number, ttlMs = 3600_000) {
  let issued = 0
  return {
    get issued() {
      return issued
    },
    authorize: async (): Promise<DeviceSession> => {
      issued++
      await new Promise((r) => setTimeout(r, 20)) // an authorization takes a while: that is when callers pile up
      return { deviceId: "dev", refreshToken: `rt-${issued}`, serverPublic, expiresAt: now() + ttlMs, obtainedAt: now() }
    },
  }
}

describe("DeviceSessionManager", () => {
  it("authorizes lazily, once, and reuses the session", async () => {
    const bank = fakeBank(Date.now)
    const manager = new DeviceSessionManager(new InMemorySessionStore(), bank.authorize)
    expect(bank.issued).toBe(0)
    const a = await manager.current()
    const b = await manager.current()
    expect(bank.issued).toBe(1)
    expect(b.refreshToken).toBe(a.refreshToken)
  })

  it("100 concurrent callers on an expired session cause exactly one authorization", async () => {
    let clock = 1_000_000
    const now = () => clock
    const bank = fakeBank(now)
    const store = new InMemorySessionStore()
    const manager = new DeviceSessionManager(store, bank.authorize, { now })
    await manager.current()
    clock += 2 * 3600_000 // past expiry
    const sessions = await Promise.all(Array.from({ length: 100 }, () => manager.current()))
    expect(bank.issued).toBe(2)
    expect(new Set(sessions.map((s) => s.refreshToken))).toEqual(new Set(["rt-2"]))
  })

  it("renews inside the safety margin, not at the last second", async () => {
    let clock = 0
    const now = () => clock
    const bank = fakeBank(now, 60 * 60_000)
    const manager = new DeviceSessionManager(new InMemorySessionStore(), bank.authorize, { now, expiryMarginMs: 5 * 60_000 })
    await manager.current()
    clock = 54 * 60_000
    await manager.current()
    expect(bank.issued).toBe(1)
    clock = 56 * 60_000 // 4 minutes left < 5-minute margin
    await manager.current()
    expect(bank.issued).toBe(2)
  })

  it("two processes sharing a store: rejections of the same session renew once, and a late rejection reuses the new session", async () => {
    const bank = fakeBank(Date.now)
    const store = new InMemorySessionStore()
    const worker = new DeviceSessionManager(store, bank.authorize)
    const server = new DeviceSessionManager(store, bank.authorize)
    const first = await server.current()
    const renewed = await Promise.all([worker.renewAfterRejection(first), server.renewAfterRejection(first)])
    expect(bank.issued).toBe(2)
    expect(renewed[0].refreshToken).toBe(renewed[1].refreshToken)
    // a call that was still in flight with the old session is rejected later: no third authorization
    const late = await worker.renewAfterRejection(first)
    expect(late.refreshToken).toBe(renewed[0].refreshToken)
    expect(bank.issued).toBe(2)
  })

  it("a failed authorization is reported to every waiter and the next call tries again", async () => {
    let fail = true
    let calls = 0
    const manager = new DeviceSessionManager(new InMemorySessionStore(), async () => {
      calls++
      await new Promise((r) => setTimeout(r, 10))
      if (fail) throw new Error("bank down")
      return { deviceId: "d", refreshToken: "r", serverPublic, expiresAt: Date.now() + 3600_000, obtainedAt: Date.now() }
    })
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => manager.current()))
    expect(results.every((r) => r.status === "rejected")).toBe(true)
    expect(calls).toBe(1)
    fail = false
    await expect(manager.current()).resolves.toMatchObject({ refreshToken: "r" })
    expect(calls).toBe(2)
  })

  it("renewIfExpiringWithin renews only when needed", async () => {
    let clock = 0
    const now = () => clock
    const bank = fakeBank(now, 24 * 3600_000)
    const manager = new DeviceSessionManager(new InMemorySessionStore(), bank.authorize, { now })
    await manager.current()
    expect((await manager.renewIfExpiringWithin(12 * 3600_000)).renewed).toBe(false)
    clock = 13 * 3600_000
    expect((await manager.renewIfExpiringWithin(12 * 3600_000)).renewed).toBe(true)
    expect(bank.issued).toBe(2)
  })
})
