import { generateKeyPairSync } from "node:crypto"
import { describe, expect, it, vi } from "vitest"
import type { DeviceSession } from "../../src/core/bank"
import { DatabaseSessionStore, deviceSessionId, type DeviceSessionPersistence } from "../../src/modules/alliance-pay/device-session-store"
import { SessionSealer } from "../../src/modules/alliance-pay/session-sealing"

const merchantKey = () => JSON.stringify(generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ format: "jwk" }))

function memoryTable() {
  const rows = new Map<string, Record<string, unknown>>()
  const db: DeviceSessionPersistence = {
    read: async (id) => (rows.get(id) as never) ?? null,
    write: async (row) => void rows.set(row.id, { ...row }),
    withLock: (_key, fn) => fn(),
  }
  return { rows, db }
}

const session: DeviceSession = {
  deviceId: "6c1f4f0a-device-id-7e1b",
  refreshToken: "9b0e2d55-refresh-token-11aa",
  authToken: "auth-token-never-stored",
  serverPublic: { kty: "EC", crv: "P-384", x: "x".repeat(64), y: "y".repeat(64) },
  expiresAt: Date.parse("2030-01-01T00:00:00Z"),
  obtainedAt: Date.parse("2029-12-31T00:00:00Z"),
}

describe("SessionSealer (AES-256-GCM, key from the merchant key via HKDF)", () => {
  const key = merchantKey()
  const sealer = SessionSealer.fromMerchantKey(key, "service-a")

  it("opens what it sealed, for the same row only", () => {
    const sealed = sealer.seal({ a: 1 }, "row-1")
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(sealer.open(sealed, "row-1")).toEqual({ a: 1 })
    expect(sealer.open(sealed, "row-2")).toBeUndefined()
    expect(sealer.seal({ a: 1 }, "row-1")).not.toBe(sealed)
  })

  it("cannot open with another merchant key or another service code", () => {
    const sealed = sealer.seal({ a: 1 }, "row-1")
    expect(SessionSealer.fromMerchantKey(merchantKey(), "service-a").open(sealed, "row-1")).toBeUndefined()
    expect(SessionSealer.fromMerchantKey(key, "service-b").open(sealed, "row-1")).toBeUndefined()
    expect(SessionSealer.fromMerchantKey(JSON.parse(key), "service-a").open(sealed, "row-1")).toEqual({ a: 1 })
  })

  it("answers undefined, never throws, for damaged or foreign values", () => {
    const sealed = sealer.seal({ a: 1 }, "row-1")
    const [v, iv, body, tag] = sealed.split(".")
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1)
    for (const bad of [
      "",
      "plaintext-refresh-token",
      "v1...",
      "v2." + sealed.slice(3),
      [v, flip(iv), body, tag].join("."),
      [v, iv, flip(body), tag].join("."),
      [v, iv, body, flip(tag)].join("."),
      [v, iv, body].join("."),
      [v, iv, body, tag, tag].join("."),
      "v1.%%%.%%%.%%%",
    ]) {
      expect(sealer.open(bad, "row-1")).toBeUndefined()
    }
  })
})

describe("DatabaseSessionStore", () => {
  it("stores the device id and refresh token only sealed, and no auth token", async () => {
    const { rows, db } = memoryTable()
    const key = merchantKey()
    await new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(key, "svc")).save(session)
    const stored = JSON.stringify([...rows.values()])
    for (const secret of [session.deviceId, session.refreshToken, session.authToken!]) expect(stored).not.toContain(secret)
    expect(Object.keys(rows.get(deviceSessionId("svc"))!).sort()).toEqual(["expires_at", "id", "obtained_at", "sealed_credentials", "server_public"])

    const reader = new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(key, "svc"))
    expect(await reader.get()).toEqual({ ...session, authToken: undefined })
  })

  it("a row sealed with another key, or copied from another service code, is no session (re-authorize), with a warning", async () => {
    const { rows, db } = memoryTable()
    await new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(merchantKey(), "svc")).save(session)
    const warn = vi.fn()
    expect(await new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(merchantKey(), "svc"), warn).get()).toBeNull()
    expect(warn).toHaveBeenCalledTimes(1)

    const key = merchantKey()
    await new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(key, "svc")).save(session)
    rows.set(deviceSessionId("other"), { ...rows.get(deviceSessionId("svc"))!, id: deviceSessionId("other") })
    expect(await new DatabaseSessionStore("other", db, SessionSealer.fromMerchantKey(key, "other"), warn).get()).toBeNull()
    rows.set(deviceSessionId("svc"), { ...rows.get(deviceSessionId("svc"))!, sealed_credentials: "old-plaintext-token" })
    expect(await new DatabaseSessionStore("svc", db, SessionSealer.fromMerchantKey(key, "svc"), warn).get()).toBeNull()
  })
})
