import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK, type JWK } from "jose"

/**
 * The bank's only JWE profile. Pinned on decrypt so that a token with any other
 * algorithm (e.g. "dir" or RSA) is refused instead of being tried.
 */
export const JWE_ALG = "ECDH-ES+A256KW"
export const JWE_ENC = "A256GCM"
export const JWE_CURVE = "P-384"

export type EcJwk = JWK & { kty: "EC"; crv: string; x: string; y: string; d?: string }

// jose's own key type: on Node its keys are KeyObjects, not CryptoKeys
type KeyLike = import("jose").KeyLike | Uint8Array
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class JweError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = "JweError"
  }
}

/** Accepts a JWK object or its JSON text (as merchants paste it from the bank's e-mail). */
export function parseJwk(input: unknown, what: string): EcJwk {
  let jwk: unknown = input
  if (typeof input === "string") {
    try {
      jwk = JSON.parse(input)
    } catch {
      throw new JweError(`${what} is not valid JSON: paste the JWK object as the bank issued it`)
    }
  }
  if (!jwk || typeof jwk !== "object") {
    throw new JweError(`${what} must be a JWK object`)
  }
  const k = jwk as Record<string, unknown>
  if (k.kty !== "EC" || k.crv !== JWE_CURVE) {
    throw new JweError(`${what} must be an EC ${JWE_CURVE} key (kty "EC", crv "${JWE_CURVE}")`)
  }
  for (const coord of ["x", "y"] as const) {
    // P-384 coordinates are 48 bytes = 64 base64url characters; the bank's doc samples are one short.
    if (typeof k[coord] !== "string" || (k[coord] as string).length !== 64) {
      throw new JweError(
        `${what}: "${coord}" must be 64 base64url characters for ${JWE_CURVE} (the bank's documentation samples are malformed; use the key you were issued)`
      )
    }
  }
  return k as unknown as EcJwk
}

export async function importPrivateKey(jwk: EcJwk): Promise<KeyLike> {
  if (typeof jwk.d !== "string" || jwk.d.length === 0) {
    throw new JweError('the merchant private key has no "d": it must be the private JWK, not the public one')
  }
  // WebCrypto does not check the scalar's size, so a truncated "d" would import and fail only on decrypt.
  if (jwk.d.length !== 64) {
    throw new JweError(`the merchant private key: "d" must be 64 base64url characters for ${JWE_CURVE}`)
  }
  try {
    return (await importJWK(stripUsage(jwk), JWE_ALG)) as KeyLike
  } catch (e) {
    throw new JweError("the merchant private key could not be imported", { cause: e })
  }
}

export async function importPublicKey(jwk: EcJwk): Promise<KeyLike> {
  const { d: _d, ...pub } = jwk
  try {
    return (await importJWK(stripUsage(pub as EcJwk), JWE_ALG)) as KeyLike
  } catch (e) {
    throw new JweError("the bank public key could not be imported", { cause: e })
  }
}

/** jose refuses keys whose "alg"/"use"/"key_ops" disagree with the call; the bank's keys carry "alg" variants. */
function stripUsage(jwk: EcJwk): JWK {
  const { alg: _alg, use: _use, key_ops: _ops, ...rest } = jwk
  return rest
}

export async function encryptJson(payload: unknown, publicKey: KeyLike): Promise<string> {
  return new CompactEncrypt(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: JWE_ALG, enc: JWE_ENC })
    .encrypt(publicKey)
}

export async function decryptJson(token: string, privateKey: KeyLike): Promise<unknown> {
  const compact = typeof token === "string" ? token.trim() : ""
  if (compact.split(".").length !== 5) {
    throw new JweError("not a compact JWE (expected 5 dot-separated parts)")
  }
  let plaintext: Uint8Array
  try {
    ;({ plaintext } = await compactDecrypt(compact, privateKey, {
      keyManagementAlgorithms: [JWE_ALG],
      contentEncryptionAlgorithms: [JWE_ENC],
    }))
  } catch (e) {
    throw new JweError("the JWE could not be decrypted with this key", { cause: e })
  }
  try {
    return JSON.parse(decoder.decode(plaintext))
  } catch (e) {
    throw new JweError("the JWE decrypted to something that is not JSON", { cause: e })
  }
}

export interface EcKeyPair {
  privateJwk: EcJwk
  publicJwk: EcJwk
}

/** A fresh P-384 key pair in the shape the bank issues (used by the sandbox and by tests). */
export async function generateEcKeyPair(): Promise<EcKeyPair> {
  const { privateKey } = await generateKeyPair(JWE_ALG, { crv: JWE_CURVE, extractable: true })
  const privateJwk = { ...(await exportJWK(privateKey)), use: "enc", alg: JWE_ALG } as EcJwk
  const { d: _d, ...publicJwk } = privateJwk
  return { privateJwk, publicJwk: publicJwk as EcJwk }
}
