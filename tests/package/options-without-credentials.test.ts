import { describe, expect, it } from "vitest"
import { generateEcKeyPair } from "../../src/core/bank"
import { missingCredentials, parseModuleOptions, parseModuleSettings } from "../../src/modules/alliance-pay/options"

/**
 * `medusa db:migrate` constructs the alliancePay module: without the bank's secrets (a deploy
 * pipeline) that must pass, while options given wrong still stop the boot.
 * The whole path through a real Medusa app is in install-into-medusa-app.test.ts.
 */
describe("alliancePay module options before the bank is needed", () => {
  it("takes missing credentials (absent, empty or blank), keeping every other option checked and defaulted", () => {
    const settings = parseModuleSettings({ serviceCode: "", merchantId: "   ", timeoutMs: 5_000 })
    expect(missingCredentials(settings)).toEqual(["serviceCode", "merchantId", "merchantPrivateKey"])
    expect(settings.timeoutMs).toBe(5_000)
    expect(settings.apiUrl).toBe("https://api-ecom-prod.bankalliance.ua")
    expect(settings.reconcile.concurrency).toBe(8)
    expect(missingCredentials(parseModuleSettings(undefined))).toEqual(["serviceCode", "merchantId", "merchantPrivateKey"])
  })

  it("still refuses options that are given but wrong, never echoing the key", async () => {
    const { publicJwk } = await generateEcKeyPair()
    expect(() => parseModuleSettings({ merchantPrivateKey: publicJwk })).toThrow(/no "d": give the private JWK/)
    expect(() => parseModuleSettings({ apiUrl: "not a url" })).toThrow(/apiUrl must be an absolute URL/)
    expect(() => parseModuleSettings({ merchantId: "x".repeat(37) })).toThrow(/merchantId is at most 36 characters/)
    expect(() => parseModuleSettings({ timeoutMs: 5 })).toThrow(/Alliance Pay module options are invalid/)
    try {
      parseModuleSettings({ merchantPrivateKey: publicJwk })
    } catch (e) {
      expect((e as Error).message).not.toContain(publicJwk.x)
    }
  })

  it("requires them, with the same message, once the bank is needed", async () => {
    const settings = parseModuleSettings({ serviceCode: "a51e68aa-c6fa-11ed-afa1-0242ac120005" })
    expect(() => parseModuleOptions(settings)).toThrow(
      "Alliance Pay module options are invalid:\n  - merchantId is required: the UUID the bank issued for your shop\n  - merchantPrivateKey is required: the private P-384 JWK (JSON text or object)"
    )
    const { privateJwk } = await generateEcKeyPair()
    const complete = parseModuleSettings({ serviceCode: "s", merchantId: "m", merchantPrivateKey: JSON.stringify(privateJwk) })
    expect(missingCredentials(complete)).toEqual([])
    expect(parseModuleOptions(complete)).toMatchObject({ serviceCode: "s", merchantId: "m", timeoutMs: 20_000 })
  })
})
