import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import { AlliancePayClient } from "../../src/core/bank/client"
import { decryptJson, importPrivateKey, JweError, parseJwk, type EcJwk } from "../../src/core/bank/jwe"
import docs from "../fixtures/bank-docs/jwe.json"

/**
 * The only JWEs the bank itself produced that its docs publish, with the private keys the docs
 * print next to them. Whatever decrypts here proves our JWE profile against the real bank.
 */

const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8"))

/** The authorization page's key is one character short in x and y; the data-encryption curls print it whole. */
const authorizationKeyWhole = (): EcJwk => ({
  ...(docs.paymentKeyFull.jwk as EcJwk),
  d: docs.authorizationKey.jwk.d,
})

describe("the docs' own JWEs decrypt with the keys the docs print", () => {
  it("authorize_virtual_device answer (authentication page) → the decrypted payload the page shows", async () => {
    const key = await importPrivateKey(parseJwk(docs.authorizeAnswer.key, "docs key"))
    expect(await decryptJson(docs.authorizeAnswer.jwe, key)).toEqual(docs.authorizeAnswer.plaintext)
    expect(header(docs.authorizeAnswer.jwe)).toMatchObject({ alg: "ECDH-ES+A256KW", enc: "A256GCM", epk: { kty: "EC", crv: "P-384" } })
  })

  it("the client reads that very answer from the wire as a device session", async () => {
    const server: Server = createServer((req, res) => {
      req.resume()
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ jwe: docs.authorizeAnswer.jwe }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const client = new AlliancePayClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        serviceCode: "137d9304-0368-11ed-b939-0242ac120002",
        merchantId: "137d9304-0368-11ed-b939-0242ac120002",
        merchantPrivateKey: docs.authorizeAnswer.key,
      })
      const session = await client.authorizeDevice()
      expect(session).toMatchObject({
        deviceId: "1d9742cf-d392-4c2b-9982-4dc6ec2224b2",
        refreshToken: "5aba78ac-8850-4619-8232-f62089cbcbb3",
        authToken: "14a74387-9f20-4e73-a314-0d2ca80222b6",
        serverPublic: docs.authorizeAnswer.plaintext.serverPublic,
      })
      // "2023-03-18 12:34:52.0998 +0000": Java's SSSS, so 998 ms
      expect(session.expiresAt).toBe(Date.parse("2023-03-18T12:34:52.998Z"))
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("data-encryption page: the CVV/expiry example decrypts with the authorization key (d) made whole (x, y)", async () => {
    expect(() => parseJwk(docs.authorizationKey.jwk, "authorization key")).toThrow(/64 base64url/)
    const key = await importPrivateKey(parseJwk(authorizationKeyWhole(), "authorization key"))
    const cvv = docs.dataEncryption.find((v) => v.name === "cvv-and-expiry")!
    expect(await decryptJson(cvv.jwe, key)).toBe(2023444)
  })

  it("documents what does NOT decrypt: the other data-encryption examples and the authentication example fit no printed key", async () => {
    const keys = [
      await importPrivateKey(parseJwk(authorizationKeyWhole(), "authorization key")),
      await importPrivateKey(parseJwk(docs.authorizeAnswer.key, "authorize curl key")),
    ]
    const others = [...docs.dataEncryption.filter((v) => v.name !== "cvv-and-expiry"), { name: "authentication", jwe: docs.authenticationExample.jwe }]
    expect(others.map((v) => v.name)).toEqual(["card-number", "purchase-body", "a2c-body", "refund-body", "authentication"])
    for (const { jwe } of others) {
      // well-formed tokens of the bank's profile, encrypted to keys the docs never print (bank-side serverPublic keys)
      expect(header(jwe)).toMatchObject({ alg: "ECDH-ES+A256KW", enc: "A256GCM", epk: { crv: "P-384" } })
      for (const key of keys) await expect(decryptJson(jwe, key)).rejects.toBeInstanceOf(JweError)
    }
  })
})
