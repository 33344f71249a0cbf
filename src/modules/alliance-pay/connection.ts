import type { Logger } from "@medusajs/framework/types"
import { AlliancePayError, type AlliancePayClient, type SessionStore } from "../../core/bank"
import { connectionStatusOf, type ConnectionStatus } from "./connection-status"
import { DatabaseSessionStore, deviceSessionId, type DeviceSessionPersistence } from "./device-session-store"
import type AlliancePayModuleService from "./service"
import { SessionSealer } from "./session-sealing"

type Sessions = Pick<AlliancePayModuleService, "listDeviceSessions" | "createDeviceSessions" | "updateDeviceSessions">

/** The device connection for the admin: connected or not, when it expires, the last refusal. */
export async function connectionStatus(sessions: Sessions, serviceCode: string): Promise<ConnectionStatus> {
  const [row] = await sessions.listDeviceSessions({ id: deviceSessionId(serviceCode) }, { take: 1 })
  return connectionStatusOf(row, Date.now())
}

/**
 * "Authorize by virtual device" (a merchant's connection test): a new bank session now.
 * A refusal is recorded on the session row for the admin to read, and rethrown.
 */
export async function authorizeConnection(sessions: Sessions, bank: AlliancePayClient, serviceCode: string): Promise<ConnectionStatus> {
  try {
    await bank.authorizeDevice()
  } catch (e) {
    const message = e instanceof AlliancePayError ? `${e.msgCode}: ${e.msgText}` : e instanceof Error ? e.message : String(e)
    const id = deviceSessionId(serviceCode)
    const error = { id, last_error: message.slice(0, 500), last_error_at: new Date() }
    const [existing] = await sessions.listDeviceSessions({ id }, { take: 1 })
    if (existing) await sessions.updateDeviceSessions(error)
    else await sessions.createDeviceSessions(error)
    throw e
  }
  return connectionStatus(sessions, serviceCode)
}

/** The bank session store for one service code, shared by every process through the device-session table. */
export function databaseSessionStore(input: {
  sessions: Sessions
  serviceCode: string
  merchantPrivateKey: unknown
  lock: <T>(key: string, fn: () => Promise<T>) => Promise<T>
  logger: Logger
}): SessionStore {
  const { sessions, serviceCode } = input
  const persistence: DeviceSessionPersistence = {
    read: async (id) => (await sessions.listDeviceSessions({ id }, { take: 1 }))[0] ?? null,
    write: async (row) => {
      const existing = await sessions.listDeviceSessions({ id: row.id }, { take: 1 })
      const data = { ...row, last_error: null, last_error_at: null }
      if (existing.length) await sessions.updateDeviceSessions(data)
      else await sessions.createDeviceSessions(data)
    },
    withLock: (key, fn) => input.lock(key, fn),
  }
  const sealer = SessionSealer.fromMerchantKey(input.merchantPrivateKey as Parameters<typeof SessionSealer.fromMerchantKey>[0], serviceCode)
  const unreadable = () =>
    input.logger.warn(
      "Alliance Pay: the stored bank device session cannot be decrypted with the current merchant key (the key changed, or the row was altered); authorizing a new device"
    )
  return new DatabaseSessionStore(serviceCode, persistence, sealer, unreadable)
}
