import { createHash, randomBytes, randomUUID } from "node:crypto"

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
/** The bank's ids also carry "-" and "_" (1762952144215CrdMyJEw_AI, 1728558518169TnfMpJ0tO-P in its docs). */
const BASE64URL = `${ALNUM}-_`

function randomBase64url(length: number): string {
  // 256 = 4 × 64: every byte maps to an equally likely character
  return Array.from(randomBytes(length), (byte) => BASE64URL[byte % 64]).join("")
}

/** The bank's id shape for hppOrderId and operationId: 13-digit ms timestamp + 11 base64url characters. */
export function bankId(now: number = Date.now()): string {
  return String(now).padStart(13, "0").slice(-13) + randomBase64url(11)
}

export const uuid = (): string => randomUUID()

/** A UUID-shaped value derived from a seed, so the device id survives restarts with the same serviceCode. */
export function stableUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex")
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
