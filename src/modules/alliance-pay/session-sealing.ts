import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto"
import { parseJwk } from "../../core/bank"

const VERSION = "v1"
const SALT = "alliancepay/device-session"

/**
 * AES-256-GCM for the bank device session's secrets at rest. The key is derived with HKDF-SHA256
 * from the merchant's private key (its "d"), bound to the service code: whoever can read the key
 * can already authorize a new bank device, so a separate key would add a secret to manage and no
 * protection, while a database dump alone (backups, replicas, read-only access) reveals nothing.
 * A new merchant key makes old rows unreadable, which is a re-authorization, never an outage.
 */
export class SessionSealer {
  readonly #key: Buffer

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("the device session key must be 32 bytes")
    this.#key = key
  }

  static fromMerchantKey(merchantPrivateKey: unknown, serviceCode: string): SessionSealer {
    const jwk = parseJwk(merchantPrivateKey, "merchantPrivateKey")
    if (typeof jwk.d !== "string" || !jwk.d) throw new Error('merchantPrivateKey has no "d"')
    const ikm = Buffer.from(jwk.d, "base64url")
    return new SessionSealer(Buffer.from(hkdfSync("sha256", ikm, SALT, `${VERSION}:${serviceCode}`, 32)))
  }

  /** `v1.<iv>.<ciphertext>.<tag>` (base64url); `context` (the row id) is authenticated, not stored. */
  seal(value: unknown, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv)
    cipher.setAAD(Buffer.from(context))
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()])
    return [VERSION, iv, body, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".")
  }

  /** The sealed value, or undefined when it was sealed with another key, for another row, or is damaged. */
  open(sealed: string, context: string): unknown {
    const parts = sealed.split(".")
    if (parts.length !== 4 || parts[0] !== VERSION) return undefined
    try {
      const [iv, body, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"))
      if (iv.length !== 12 || tag.length !== 16) return undefined
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv)
      decipher.setAAD(Buffer.from(context))
      decipher.setAuthTag(tag)
      return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8"))
    } catch {
      return undefined
    }
  }
}
