import { readFileSync } from "node:fs"
import { join } from "node:path"
import { CompactEncrypt, generateKeyPair, importJWK } from "jose"
import { describe, it, expect } from "vitest"
import {
  JWE_ALG,
  JWE_ENC,
  JweError,
  decryptJson,
  encryptJson,
  generateEcKeyPair,
  importPrivateKey,
  importPublicKey,
  parseJwk,
  type EcJwk,
} from "../../src/core/bank/jwe"
import * as independent from "../support/bank/independent-jwe"

interface VectorFile {
  alg: string
  enc: string
  privateJwk: EcJwk
  publicJwk: EcJwk
  vectors: Array<{ name: string; token: string; plaintext: string; expected: unknown }>
}

const vectorFile = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "jwe-vectors.json"), "utf8")
) as VectorFile

const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8"))

describe("independent JWE implementation (self-checks against RFC vectors)", () => {
  it("Concat KDF and ECDH reproduce RFC 7518 Appendix C", () => {
    const alice = {
      kty: "EC",
      crv: "P-256",
      x: "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
      y: "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps",
      d: "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo",
    }
    const bob = {
      kty: "EC",
      crv: "P-256",
      x: "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
      y: "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
      d: "VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw",
    }
    const z = independent.ecdh(alice, bob)
    expect([...z]).toEqual([
      158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72,
      246, 218, 167, 121, 140, 254, 144, 196,
    ])
    expect(independent.ecdh(bob, alice).equals(z)).toBe(true)
    const key = independent.concatKdf(z, "A128GCM", 128, Buffer.from("Alice"), Buffer.from("Bob"))
    expect(key.toString("base64url")).toBe("VqqN6vgjbSBcIijNcacQGg")
  })

  it("AES key wrap reproduces RFC 3394 §4.6 (256-bit KEK, 256-bit key)", () => {
    const kek = Buffer.from("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "hex")
    const data = Buffer.from("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", "hex")
    const wrapped = independent.aesKeyWrap(kek, data)
    expect(wrapped.toString("hex").toUpperCase()).toBe(
      "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"
    )
    expect(independent.aesKeyUnwrap(kek, wrapped).equals(data)).toBe(true)
  })

  it("the committed vectors are the independent implementation's own output", () => {
    expect(vectorFile.alg).toBe(JWE_ALG)
    expect(vectorFile.enc).toBe(JWE_ENC)
    expect(vectorFile.vectors.length).toBeGreaterThanOrEqual(3)
    for (const v of vectorFile.vectors) {
      const { text, header: h } = independent.decrypt(v.token, vectorFile.privateJwk)
      expect(text).toBe(v.plaintext)
      expect(JSON.parse(text)).toEqual(v.expected)
      expect(Object.keys(h).sort()).toEqual(["alg", "enc", "epk"])
    }
  })
})

describe("jwe.ts", () => {
  it("round-trips JSON with its own helpers (generated key pair)", async () => {
    const { privateJwk, publicJwk } = await generateEcKeyPair()
    expect(privateJwk).toMatchObject({ kty: "EC", crv: "P-384", use: "enc", alg: JWE_ALG })
    expect(privateJwk.x).toHaveLength(64)
    expect(privateJwk.y).toHaveLength(64)
    expect(publicJwk.d).toBeUndefined()

    const payload = { merchantRequestId: "x", coinAmount: 500, note: "Повернення коштів — Мар’яна ✓" }
    const token = await encryptJson(payload, await importPublicKey(publicJwk))
    expect(token.split(".")).toHaveLength(5)
    // §4: exactly {alg, enc, epk}; no kid, zip or cty
    const h = header(token)
    expect(Object.keys(h).sort()).toEqual(["alg", "enc", "epk"])
    expect(h).toMatchObject({ alg: JWE_ALG, enc: JWE_ENC, epk: { kty: "EC", crv: "P-384" } })
    expect(await decryptJson(token, await importPrivateKey(privateJwk))).toEqual(payload)
  })

  it("decrypts every fixed vector made by the independent implementation", async () => {
    const key = await importPrivateKey(parseJwk(vectorFile.privateJwk, "test private key"))
    for (const v of vectorFile.vectors) {
      expect(await decryptJson(v.token, key)).toEqual(v.expected)
      // leading/trailing whitespace around a pasted or wrapped token is tolerated
      expect(await decryptJson(`\n ${v.token} \n`, key)).toEqual(v.expected)
    }
  })

  it("decrypts fresh tokens from the independent implementation (random ephemeral key, CEK and IV)", async () => {
    const key = await importPrivateKey(vectorFile.privateJwk)
    for (const v of vectorFile.vectors) {
      const token = independent.encryptJson(v.expected, vectorFile.publicJwk)
      expect(await decryptJson(token, key)).toEqual(v.expected)
    }
  })

  it("produces tokens the independent implementation decrypts", async () => {
    const { privateJwk, publicJwk } = await generateEcKeyPair()
    const publicKey = await importPublicKey(publicJwk)
    for (const v of vectorFile.vectors) {
      const token = await encryptJson(v.expected, publicKey)
      const { text, header: h } = independent.decrypt(token, privateJwk)
      expect(JSON.parse(text)).toEqual(v.expected)
      expect(text).toBe(JSON.stringify(v.expected)) // UTF-8 JSON text, nothing else
      expect(h.alg).toBe(JWE_ALG)
      expect(h.enc).toBe(JWE_ENC)
    }
  })

  it("encrypts to the fixed test public key so the fixed private key (independent side) reads it", async () => {
    const token = await encryptJson({ ok: true, text: "Київ" }, await importPublicKey(vectorFile.publicJwk))
    expect(independent.decryptJson(token, vectorFile.privateJwk)).toEqual({ ok: true, text: "Київ" })
  })

  describe("decrypt pins the algorithms", () => {
    const plaintext = new TextEncoder().encode(JSON.stringify({ forged: true }))

    it("refuses ECDH-ES (direct key agreement)", async () => {
      const pub = await importJWK(
        { kty: "EC", crv: "P-384", x: vectorFile.publicJwk.x, y: vectorFile.publicJwk.y },
        "ECDH-ES"
      )
      const token = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM" }).encrypt(pub)
      await expect(decryptJson(token, await importPrivateKey(vectorFile.privateJwk))).rejects.toBeInstanceOf(JweError)
    })

    it("refuses A128GCM content encryption", async () => {
      const pub = await importPublicKey(vectorFile.publicJwk)
      const token = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: JWE_ALG, enc: "A128GCM" }).encrypt(pub)
      await expect(decryptJson(token, await importPrivateKey(vectorFile.privateJwk))).rejects.toBeInstanceOf(JweError)
    })

    it("refuses ECDH-ES+A128KW key wrapping", async () => {
      const pub = await importJWK(
        { kty: "EC", crv: "P-384", x: vectorFile.publicJwk.x, y: vectorFile.publicJwk.y },
        "ECDH-ES+A128KW"
      )
      const token = await new CompactEncrypt(plaintext)
        .setProtectedHeader({ alg: "ECDH-ES+A128KW", enc: "A256GCM" })
        .encrypt(pub)
      await expect(decryptJson(token, await importPrivateKey(vectorFile.privateJwk))).rejects.toBeInstanceOf(JweError)
    })

    it("refuses a symmetric 'dir' token", async () => {
      const token = await new CompactEncrypt(plaintext)
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .encrypt(new Uint8Array(32).fill(7))
      await expect(decryptJson(token, await importPrivateKey(vectorFile.privateJwk))).rejects.toBeInstanceOf(JweError)
    })
  })

  it("wrong key → JweError", async () => {
    const other = await generateEcKeyPair()
    const key = await importPrivateKey(other.privateJwk)
    for (const v of vectorFile.vectors) {
      await expect(decryptJson(v.token, key)).rejects.toBeInstanceOf(JweError)
    }
  })

  it("a tampered token → JweError", async () => {
    const key = await importPrivateKey(vectorFile.privateJwk)
    const parts = vectorFile.vectors[0].token.split(".")
    const ct = Buffer.from(parts[3], "base64url")
    ct[0] ^= 1
    parts[3] = ct.toString("base64url")
    await expect(decryptJson(parts.join("."), key)).rejects.toBeInstanceOf(JweError)
  })

  it("a token that decrypts to non-JSON → JweError", async () => {
    const token = independent.encrypt("not json {", vectorFile.publicJwk)
    await expect(decryptJson(token, await importPrivateKey(vectorFile.privateJwk))).rejects.toThrow(/not JSON/)
  })

  it("garbage → JweError", async () => {
    const key = await importPrivateKey(vectorFile.privateJwk)
    for (const bad of ["", "garbage", "a.b.c.d", "a.b.c.d.e", "....", "a.b.c.d.e.f", '{"jwe":"x"}']) {
      await expect(decryptJson(bad, key)).rejects.toBeInstanceOf(JweError)
    }
    for (const bad of [undefined, null, 42, { jwe: "a.b.c.d.e" }]) {
      await expect(decryptJson(bad as unknown as string, key)).rejects.toBeInstanceOf(JweError)
    }
  })
})

describe("parseJwk / key import", () => {
  const priv = vectorFile.privateJwk

  it("accepts an object and its JSON text", () => {
    expect(parseJwk(priv, "key")).toEqual(priv)
    expect(parseJwk(JSON.stringify(priv), "key")).toEqual(priv)
    expect(parseJwk(`\n  ${JSON.stringify(priv, null, 2)}\n`, "key")).toEqual(priv)
  })

  it("refuses text that is not JSON, and non-objects, naming the setting", () => {
    expect(() => parseJwk("{kty: EC", "ALLIANCE_PRIVATE_JWK")).toThrow(JweError)
    expect(() => parseJwk("{kty: EC", "ALLIANCE_PRIVATE_JWK")).toThrow(/ALLIANCE_PRIVATE_JWK is not valid JSON/)
    expect(() => parseJwk(null, "key")).toThrow(/must be a JWK object/)
    expect(() => parseJwk(42, "key")).toThrow(/must be a JWK object/)
    expect(() => parseJwk("42", "key")).toThrow(/must be a JWK object/)
  })

  it("refuses a 63-character coordinate (the bank's malformed doc samples) with a clear message", () => {
    expect(() => parseJwk({ ...priv, x: priv.x.slice(1) }, "key")).toThrow(JweError)
    expect(() => parseJwk({ ...priv, x: priv.x.slice(1) }, "key")).toThrow(/"x" must be 64 base64url characters/)
    expect(() => parseJwk({ ...priv, y: priv.y.slice(0, 63) }, "key")).toThrow(/"y" must be 64 base64url characters/)
    expect(() => parseJwk({ ...priv, y: undefined }, "key")).toThrow(/"y"/)
  })

  it("refuses another curve or key type", () => {
    expect(() => parseJwk({ ...priv, crv: "P-256" }, "key")).toThrow(/EC P-384/)
    expect(() => parseJwk({ ...priv, crv: "P-521" }, "key")).toThrow(JweError)
    expect(() => parseJwk({ kty: "RSA", n: "abc", e: "AQAB" }, "key")).toThrow(/EC P-384/)
    expect(() => parseJwk({ kty: "oct", k: "abc" }, "key")).toThrow(JweError)
  })

  it("importPrivateKey refuses a public key with a message that says so", async () => {
    await expect(importPrivateKey(vectorFile.publicJwk)).rejects.toBeInstanceOf(JweError)
    await expect(importPrivateKey(vectorFile.publicJwk)).rejects.toThrow(/no "d".*private JWK, not the public one/)
  })

  it("importPrivateKey refuses a d of the wrong size (WebCrypto alone would accept it)", async () => {
    await expect(importPrivateKey({ ...priv, d: "AAAA" })).rejects.toThrow(/"d" must be 64 base64url characters/)
    await expect(importPrivateKey({ ...priv, d: priv.d!.slice(1) })).rejects.toBeInstanceOf(JweError)
    await expect(importPrivateKey({ ...priv, d: "" })).rejects.toThrow(/no "d"/)
  })

  it("importPublicKey accepts the private JWK (uses only its public half) and keys with alg/use variants", async () => {
    const key = await importPublicKey(priv)
    const token = await encryptJson({ a: 1 }, key)
    expect(independent.decryptJson(token, priv)).toEqual({ a: 1 })
    // the bank's keys carry alg variants such as the §11 typo "ECDH-ES+A25KW"
    await expect(importPublicKey({ ...vectorFile.publicJwk, alg: "ECDH-ES+A25KW", use: "enc" })).resolves.toBeDefined()
    await expect(importPrivateKey({ ...priv, alg: "ECDH-ES", key_ops: ["deriveKey"] })).resolves.toBeDefined()
  })

  it("importPublicKey refuses a point that is not on the curve", async () => {
    const bad = { ...vectorFile.publicJwk, y: vectorFile.publicJwk.x }
    await expect(importPublicKey(bad)).rejects.toBeInstanceOf(JweError)
  })

  it("a jose-generated key pair interoperates with the independent implementation", async () => {
    const { privateKey } = await generateKeyPair(JWE_ALG, { crv: "P-384", extractable: true })
    const { exportJWK } = await import("jose")
    const jwk = (await exportJWK(privateKey)) as EcJwk
    const token = independent.encryptJson({ hello: "світ" }, jwk)
    expect(await decryptJson(token, privateKey)).toEqual({ hello: "світ" })
  })
})
