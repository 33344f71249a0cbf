import { model } from "@medusajs/framework/utils"

/**
 * The one bank device session per service code, shared by every Medusa process.
 * The device id and refresh token are secrets: stored only sealed (AES-256-GCM, see
 * session-sealing.ts), never returned by an admin route or logged.
 */
export const DeviceSession = model.define("alliancepay_device_session", {
  /** derived from the service code, so several merchants (providers) can coexist */
  id: model.text().primaryKey(),
  sealed_credentials: model.text().nullable(),
  server_public: model.json().nullable(),
  expires_at: model.dateTime().nullable(),
  obtained_at: model.dateTime().nullable(),
  last_error: model.text().nullable(),
  last_error_at: model.dateTime().nullable(),
})
