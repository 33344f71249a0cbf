import { createHash, randomBytes, randomUUID } from "node:crypto"

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

export function randomAlnum(length: number): string {
  let out = ""
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely
      if (byte < 248 && out.length < length) out += ALNUM[byte % 62]
    }
  }
  return out
}

/** The bank's id shape for hppOrderId and operationId: 13-digit ms timestamp + 11 alphanumerics. */
export function bankId(now: number = Date.now()): string {
  return String(now).padStart(13, "0").slice(-13) + randomAlnum(11)
}

export const uuid = (): string => randomUUID()

/** A UUID-shaped value derived from a seed, so the device id survives restarts with the same serviceCode. */
export function stableUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex")
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
