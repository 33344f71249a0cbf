import {
  generateEcKeyPair,
  importPrivateKey,
  importPublicKey,
  parseJwk,
  type EcJwk,
} from "../core/bank/jwe"
import { stableUuid, uuid } from "./ids"
import type { SandboxOptions } from "./options"

export type JweKey = Awaited<ReturnType<typeof importPublicKey>>

/** The one merchant this sandbox bank knows, with the keys it encrypts answers to. */
export interface MerchantIdentity {
  serviceCode: string
  merchantId: string
  privateJwk: EcJwk
  publicJwk: EcJwk
  publicKey: JweKey
  privateKey: JweKey
  deviceId: string
}

export async function resolveMerchant(options: SandboxOptions): Promise<MerchantIdentity> {
  const serviceCode = options.serviceCode?.trim() || uuid()
  const merchantId = options.merchantId?.trim() || uuid()
  if (merchantId.length > 36) throw new TypeError("startSandbox: merchantId must be at most 36 characters")

  let privateJwk: EcJwk
  if (options.merchantPrivateJwk !== undefined) {
    privateJwk = parseJwk(options.merchantPrivateJwk, "the sandbox merchant private key")
    if (!privateJwk.d) throw new TypeError('startSandbox: merchantPrivateJwk must be the private JWK (it has no "d")')
  } else {
    privateJwk = (await generateEcKeyPair()).privateJwk
  }
  const { d: _d, ...publicJwk } = privateJwk

  return {
    serviceCode,
    merchantId,
    privateJwk,
    publicJwk: publicJwk as EcJwk,
    publicKey: await importPublicKey(publicJwk as EcJwk),
    privateKey: await importPrivateKey(privateJwk),
    deviceId: stableUuid(`alliancepay-sandbox-device:${serviceCode}`),
  }
}
