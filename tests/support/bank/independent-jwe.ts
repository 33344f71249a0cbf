/**
 * A second, independent implementation of the bank's JWE profile (api §4), written
 * against RFC 7516 / RFC 7518 with nothing but node:crypto. It exists so that the
 * production code (which uses jose) can be checked against something that does not
 * share its library: compact serialization, ECDH-ES+A256KW key agreement on P-384,
 * AES-256 key wrap of a random CEK, A256GCM content encryption.
 *
 * Test-only code. It is deliberately small and explicit, not hardened.
 */
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  randomBytes,
  type KeyObject,
} from "node:crypto"

export const ALG = "ECDH-ES+A256KW"
export const ENC = "A256GCM"
export const CRV = "P-384"
const NODE_CURVE = "secp384r1"
/** RFC 3394 default initial value; node's id-aes256-wrap requires it to be passed explicitly. */
const KW_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex")

export interface EcJwkLike {
  kty: string
  crv: string
  x: string
  y: string
  d?: string
}

export interface EncryptOptions {
  /** Fixed ephemeral private key (for reproducible vectors); random otherwise. */
  ephemeralPrivateJwk?: EcJwkLike
  /** Fixed 32-byte content encryption key; random otherwise. */
  cek?: Buffer
  /** Fixed 12-byte GCM IV; random otherwise. */
  iv?: Buffer
}

export const b64u = {
  encode: (data: Buffer | Uint8Array | string): string =>
    Buffer.from(typeof data === "string" ? Buffer.from(data, "utf8") : data).toString("base64url"),
  decode: (text: string): Buffer => {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("invalid base64url")
    return Buffer.from(text, "base64url")
  },
}

function uint32be(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

function lengthPrefixed(data: Buffer): Buffer {
  return Buffer.concat([uint32be(data.length), data])
}

/**
 * Concat KDF, NIST SP 800-56A §5.8.1 as profiled by RFC 7518 §4.6.2, with SHA-256.
 * OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo (keydatalen in bits).
 */
export function concatKdf(
  z: Buffer,
  algorithmId: string,
  keyBits: number,
  partyUInfo: Buffer = Buffer.alloc(0),
  partyVInfo: Buffer = Buffer.alloc(0)
): Buffer {
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from(algorithmId, "ascii")),
    lengthPrefixed(partyUInfo),
    lengthPrefixed(partyVInfo),
    uint32be(keyBits),
  ])
  const keyBytes = keyBits / 8
  const rounds = Math.ceil(keyBytes / 32)
  const blocks: Buffer[] = []
  for (let counter = 1; counter <= rounds; counter++) {
    blocks.push(createHash("sha256").update(uint32be(counter)).update(z).update(otherInfo).digest())
  }
  return Buffer.concat(blocks).subarray(0, keyBytes)
}

export function aesKeyWrap(kek: Buffer, keyData: Buffer): Buffer {
  const cipher = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV)
  return Buffer.concat([cipher.update(keyData), cipher.final()])
}

export function aesKeyUnwrap(kek: Buffer, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV)
  return Buffer.concat([decipher.update(wrapped), decipher.final()])
}

function publicKeyObject(jwk: EcJwkLike): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: "jwk" })
}

function privateKeyObject(jwk: EcJwkLike): KeyObject {
  if (!jwk.d) throw new Error("private JWK needed (no d)")
  return createPrivateKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d }, format: "jwk" })
}

function requireP384(jwk: EcJwkLike): void {
  if (jwk.kty !== "EC" || jwk.crv !== CRV) throw new Error(`expected an EC ${CRV} JWK`)
}

/** ECDH shared secret Z (the x coordinate, 48 bytes on P-384). */
export function ecdh(privateJwk: EcJwkLike, publicJwk: EcJwkLike): Buffer {
  return diffieHellman({ privateKey: privateKeyObject(privateJwk), publicKey: publicKeyObject(publicJwk) })
}

/** Derives an EC P-384 JWK from a raw private scalar (used to make fixed test keys). */
export function p384JwkFromScalar(scalar: Buffer): Required<Pick<EcJwkLike, "kty" | "crv" | "x" | "y" | "d">> {
  if (scalar.length !== 48) throw new Error("P-384 scalar must be 48 bytes")
  const ecdhKey = createECDH(NODE_CURVE)
  ecdhKey.setPrivateKey(scalar)
  const point = ecdhKey.getPublicKey() // 0x04 || X(48) || Y(48)
  return {
    kty: "EC",
    crv: CRV,
    x: b64u.encode(point.subarray(1, 49)),
    y: b64u.encode(point.subarray(49, 97)),
    d: b64u.encode(scalar),
  }
}

function randomEphemeral(): EcJwkLike {
  const ecdhKey = createECDH(NODE_CURVE)
  ecdhKey.generateKeys()
  const scalar = ecdhKey.getPrivateKey() // may be shorter than 48 bytes when it has leading zeros
  return p384JwkFromScalar(Buffer.concat([Buffer.alloc(48 - scalar.length), scalar]))
}

/** Compact JWE of `plaintext` (string → UTF-8) to `publicJwk`. */
export function encrypt(plaintext: string | Uint8Array, publicJwk: EcJwkLike, options: EncryptOptions = {}): string {
  requireP384(publicJwk)
  const ephemeral = options.ephemeralPrivateJwk ?? randomEphemeral()
  requireP384(ephemeral)
  const header = {
    alg: ALG,
    enc: ENC,
    epk: { kty: "EC", crv: CRV, x: ephemeral.x, y: ephemeral.y },
  }
  const protectedB64 = b64u.encode(JSON.stringify(header))

  const z = ecdh(ephemeral, publicJwk)
  const kek = concatKdf(z, ALG, 256)
  const cek = options.cek ?? randomBytes(32)
  if (cek.length !== 32) throw new Error("A256GCM needs a 32-byte CEK")
  const encryptedKey = aesKeyWrap(kek, cek)

  const iv = options.iv ?? randomBytes(12)
  if (iv.length !== 12) throw new Error("A256GCM needs a 12-byte IV")
  const cipher = createCipheriv("aes-256-gcm", cek, iv)
  cipher.setAAD(Buffer.from(protectedB64, "ascii"))
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : Buffer.from(plaintext)
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()])
  const tag = cipher.getAuthTag()

  return [protectedB64, b64u.encode(encryptedKey), b64u.encode(iv), b64u.encode(ciphertext), b64u.encode(tag)].join(".")
}

export interface DecryptResult {
  header: Record<string, unknown>
  plaintext: Buffer
  text: string
}

/** Decrypts a compact JWE made with exactly ECDH-ES+A256KW / A256GCM; anything else throws. */
export function decrypt(token: string, privateJwk: EcJwkLike): DecryptResult {
  requireP384(privateJwk)
  const parts = token.trim().split(".")
  if (parts.length !== 5) throw new Error("compact JWE must have 5 parts")
  const [protectedB64, encryptedKeyB64, ivB64, ciphertextB64, tagB64] = parts
  const header = JSON.parse(b64u.decode(protectedB64).toString("utf8")) as Record<string, unknown>
  if (header.alg !== ALG) throw new Error(`unsupported alg ${String(header.alg)}`)
  if (header.enc !== ENC) throw new Error(`unsupported enc ${String(header.enc)}`)
  if (header.zip !== undefined) throw new Error("zip is not supported")
  if (Array.isArray(header.crit)) throw new Error("crit is not supported")
  const epk = header.epk as EcJwkLike | undefined
  if (!epk || typeof epk !== "object") throw new Error("epk missing")
  requireP384(epk)
  if (header.apu !== undefined || header.apv !== undefined) throw new Error("apu/apv are not part of the bank profile")

  const z = ecdh(privateJwk, epk)
  const kek = concatKdf(z, ALG, 256)
  const cek = aesKeyUnwrap(kek, b64u.decode(encryptedKeyB64))
  if (cek.length !== 32) throw new Error("unwrapped CEK has the wrong length")

  const iv = b64u.decode(ivB64)
  const tag = b64u.decode(tagB64)
  if (iv.length !== 12) throw new Error("IV must be 12 bytes")
  if (tag.length !== 16) throw new Error("tag must be 16 bytes")
  const decipher = createDecipheriv("aes-256-gcm", cek, iv)
  decipher.setAAD(Buffer.from(protectedB64, "ascii"))
  decipher.setAuthTag(tag)
  const plaintext = Buffer.concat([decipher.update(b64u.decode(ciphertextB64)), decipher.final()])
  return { header, plaintext, text: plaintext.toString("utf8") }
}

/** Convenience: JSON in, JSON out. */
export function encryptJson(value: unknown, publicJwk: EcJwkLike, options?: EncryptOptions): string {
  return encrypt(JSON.stringify(value), publicJwk, options)
}

export function decryptJson(token: string, privateJwk: EcJwkLike): unknown {
  return JSON.parse(decrypt(token, privateJwk).text)
}
