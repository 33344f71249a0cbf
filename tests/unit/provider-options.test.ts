import { describe, expect, it } from "vitest"
import { isHttpsOrLoopback, parseModuleOptions } from "../../src/modules/alliance-pay/options"
import { customerInput } from "../../src/providers/alliance-pay/customer"
import { callbackUrlOf, parseProviderOptions, returnUrl } from "../../src/core/checkout/options"
import { generateEcKeyPair } from "../../src/core/bank"

describe("provider options", () => {
  it("fills defaults and derives the callback URL", () => {
    const o = parseProviderOptions({ successUrl: "https://shop.example.ua/return?cart_id={cart_id}", backendUrl: "https://api.shop.example.ua/" })
    expect(o).toMatchObject({ paymentMethods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"], statusPageType: "STATUS_TIMER_PAGE", linkLifetimeMinutes: 60, defaultLanguage: "uk", callbackEncryption: false, currencies: ["uah"] })
    expect(callbackUrlOf(o)).toBe("https://api.shop.example.ua/hooks/payment/alliancepay_alliancepay")
    expect(callbackUrlOf(parseProviderOptions({ successUrl: "https://s.ua/r", backendUrl: "https://a.ua", providerId: "uah" }))).toBe("https://a.ua/hooks/payment/alliancepay_uah")
  })

  it("says what to fix, all problems at once", () => {
    expect(() => parseProviderOptions({ successUrl: "/relative", statusPageType: "POPUP", linkLifetimeMinutes: 5000, currencies: ["usd"] })).toThrow(
      /successUrl must be the absolute URL[\s\S]*statusPageType must be one of[\s\S]*at most 1440[\s\S]*currencies may only contain "uah"/
    )
    expect(() => parseProviderOptions({ successUrl: "https://s.ua/r" })).toThrow(/backendUrl is required/)
    expect(() => parseProviderOptions({ successUrl: "https://s.ua/r", callbackUrl: `https://a.ua/${"x".repeat(260)}` })).toThrow(/255/)
  })

  it("fills return URLs safely", () => {
    expect(returnUrl("https://s.ua/r?cart_id={cart_id}&s={session_id}", { cart_id: "cart_01", session_id: "payses_1&x=y" })).toBe(
      "https://s.ua/r?cart_id=cart_01&s=payses_1%26x%3Dy"
    )
  })
})

describe("module options (bank credentials)", () => {
  it("accepts the issued JWK as JSON text and defaults to the production API", async () => {
    const { privateJwk } = await generateEcKeyPair()
    const o = parseModuleOptions({ serviceCode: "a51e68aa-c6fa-11ed-afa1-0242ac120005", merchantId: "m", merchantPrivateKey: JSON.stringify(privateJwk) })
    expect(o.apiUrl).toBe("https://api-ecom-prod.bankalliance.ua")
    expect(o.timeoutMs).toBe(20_000)
  })

  it("takes apiUrl only over https, or plain http to a loopback host (the sandbox)", async () => {
    const { privateJwk } = await generateEcKeyPair()
    const options = (apiUrl: string) => ({ apiUrl, serviceCode: "s", merchantId: "m", merchantPrivateKey: privateJwk })
    for (const ok of ["https://api-ecom-prod.bankalliance.ua", "https://10.0.0.5:8443/bank", "http://127.0.0.1:4010", "http://127.8.9.10", "http://localhost:4010", "http://sandbox.localhost:1", "http://[::1]:4010"]) {
      expect(parseModuleOptions(options(ok)).apiUrl).toBe(ok)
    }
    for (const bad of ["http://api-ecom-prod.bankalliance.ua", "http://10.0.0.5:4010", "http://localhost.evil.example", "http://127.0.0.1.evil.example", "ftp://127.0.0.1", "http://0.0.0.0:4010"]) {
      expect(isHttpsOrLoopback(bad)).toBe(false)
      expect(() => parseModuleOptions(options(bad))).toThrow(/apiUrl must use https:\/\/ .*loopback host/)
    }
  })

  it("refuses a public key, never echoing key material", async () => {
    const { publicJwk, privateJwk } = await generateEcKeyPair()
    let message = ""
    try {
      parseModuleOptions({ serviceCode: "s", merchantId: "m", merchantPrivateKey: publicJwk })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/no "d"/)
    expect(message).not.toContain(publicJwk.x)
    expect(message).not.toContain(privateJwk.d!)
  })
})

describe("customer data from Medusa's context", () => {
  it("uses the registered customer and the billing address, country as ISO numeric", () => {
    expect(
      customerInput(
        { id: "cus_1", email: "o@example.ua", first_name: "Олена", last_name: "Пчілка", phone: "+380 50 123 45 67", billing_address: { city: "Kyiv", country_code: "ua", address_1: "Khreshchatyk 1", postal_code: "01001" } },
        "cart_1"
      )
    ).toMatchObject({ customerId: "cus_1", firstName: "Олена", lastName: "Пчілка", countryNumeric: "804", city: "Kyiv", street: "Khreshchatyk 1", zipCode: "01001" })
  })

  it("gives a guest a stable id derived from the e-mail, not the e-mail itself", () => {
    const a = customerInput({ email: "Guest@Example.ua" }, "cart_1").customerId
    const b = customerInput({ email: "guest@example.ua" }, "cart_2").customerId
    expect(a).toBe(b)
    expect(a).toMatch(/^guest_[0-9a-f]{24}$/)
    expect(customerInput(undefined, "cart_1").customerId).not.toBe(customerInput(undefined, "cart_2").customerId)
  })
})
