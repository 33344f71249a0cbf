import { describe, it, expect } from "vitest"
import { buildCustomerData, omitEmpty, sanitizeName, sanitizePhone } from "../../src/core/bank/customer"

const build = (extra: Record<string, unknown>) => buildCustomerData({ customerId: "cus_1", ...extra })

/** Every value the bank would refuse as an empty optional (api §6.1). */
function expectNoEmpty(data: object) {
  for (const [k, v] of Object.entries(data)) {
    expect(v, k).not.toBeNull()
    expect(v, k).not.toBeUndefined()
    expect(v, k).not.toBe("")
  }
}

describe("sanitizeName (api §8)", () => {
  it.each([
    ["O’Brien", "O'Brien"], // U+2019
    ["Мар’яна", "Мар'яна"],
    ["Мар\u02BCяна", "Мар'яна"], // U+02BC modifier letter apostrophe
    ["D‘Artagnan", "D'Artagnan"], // U+2018
    ["O`Neil", "O'Neil"],
  ])("typographic apostrophe %j → %j", (raw, expected) => {
    expect(sanitizeName(raw)).toBe(expected)
  })

  it.each([
    ["Ґанна"],
    ["Їжакевич"],
    ["Єлизавета"],
    ["Іван"],
    ["Олексій"],
    ["Ярослава-Євгенія"],
    ["Семен Ёлкин"],
    ["ҐЇЄІ ґїєі"],
    ["Anna-Maria"],
    ["Jean Luc"],
  ])("keeps %j", (name) => {
    expect(sanitizeName(name)).toBe(name)
  })

  it("keeps Cyrillic letters typed in decomposed form (NFD), recomposed", () => {
    const nfd = "Їжак Йосип".normalize("NFD")
    expect(nfd).not.toBe("Їжак Йосип")
    expect(sanitizeName(nfd)).toBe("Їжак Йосип")
  })

  it("folds Latin diacritics instead of deleting the letter", () => {
    expect(sanitizeName("José")).toBe("Jose")
    expect(sanitizeName("Müller-Lüdenscheidt")).toBe("Muller-Ludenscheidt")
    expect(sanitizeName("Zoë Ådahl")).toBe("Zoe Adahl")
  })

  it.each([
    ["J. R. R.", "J R R"],
    ["Dr. Smith!", "Dr Smith"],
    ["Ivan.", "Ivan"],
    ["  Anna   Maria  ", "Anna Maria"],
    ["-Anna-", "Anna"],
    ["'Anna'", "Anna"],
    ["Anna (Annie)", "Anna Annie"],
    ["Анна@#$%^&*", "Анна"],
    ["Olga 🙂", "Olga"],
  ])("removes dots and symbols: %j → %j", (raw, expected) => {
    expect(sanitizeName(raw)).toBe(expected)
  })

  it.each([
    ["12345"],
    ["1 2 3"],
    ["CARDHOLDER"],
    ["cardholder"],
    ["UNKNOWN"],
    ["Unknown"],
    ["NULL"],
    ["null"],
    ["SURNAME"],
    ["3D SECURE"],
    ["3d secure"],
    ["..."],
    ["'"],
    ["-"],
    ["   "],
    [""],
    [null],
    [undefined],
  ])("drops %j", (raw) => {
    expect(sanitizeName(raw as string | null | undefined)).toBeUndefined()
  })

  it("truncates to 30 characters without leaving a trailing separator", () => {
    const long = "Абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
    expect(long.length).toBeGreaterThan(30)
    expect(sanitizeName(long)).toBe(long.slice(0, 30))
    const withSpace = "Anna-Maria Katharina Elisabeth von Habsburg"
    const out = sanitizeName(withSpace)!
    expect(out.length).toBeLessThanOrEqual(30)
    expect(out).toMatch(/[A-Za-z]$/)
    expect(sanitizeName("A".repeat(29) + " B")).toBe("A".repeat(29))
  })

  it("every output matches the bank's pattern", () => {
    const pattern = /^[a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ](?:[a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ\s\-']*[a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ])?$/
    for (const raw of ["O’Brien", "  x  ", "Ілля-", "a--b", "Ян ’ Ков", "Q", "Ω Omega", "X’"]) {
      const out = sanitizeName(raw)
      if (out !== undefined) {
        expect(out, raw).toMatch(pattern)
        expect(out.length, raw).toBeLessThanOrEqual(30)
      }
    }
  })
})

describe("sanitizePhone", () => {
  it.each([
    ["+380 (63) 000-00-00", "380630000000"],
    ["380630000000", "380630000000"],
    ["+38 063 000 00 00", "380630000000"],
  ])("%j → %j", (raw, expected) => {
    expect(sanitizePhone(raw)).toBe(expected)
  })

  it.each([["123"], ["+"], [""], ["1".repeat(21)], [null], [undefined], ["no phone"]])("drops %j", (raw) => {
    expect(sanitizePhone(raw as string | null | undefined)).toBeUndefined()
  })
})

describe("buildCustomerData", () => {
  it("builds a full, valid customerData", () => {
    expect(
      buildCustomerData({
        customerId: "cus_01JH3Y8Z",
        firstName: "Мар’яна",
        lastName: "O’Brien",
        middleName: "Ігорівна",
        email: "maryana@example.com",
        countryNumeric: "804",
        region: "Київська обл.",
        city: "Київ",
        street: "вул. Хрещатик, 1",
        additionalAddress: "кв. 5",
        zipCode: "01001",
        phone: "+380 (63) 000-00-00",
        ip: "203.0.113.7",
      })
    ).toEqual({
      senderCustomerId: "cus_01JH3Y8Z",
      senderFirstName: "Мар'яна",
      senderLastName: "O'Brien",
      senderMiddleName: "Ігорівна",
      senderEmail: "maryana@example.com",
      senderCountry: "804",
      senderRegion: "Київська обл.",
      senderCity: "Київ",
      senderStreet: "вул. Хрещатик, 1",
      senderAdditionalAddress: "кв. 5",
      senderZipCode: "01001",
      senderPhone: "380630000000",
      senderIp: "203.0.113.7",
    })
  })

  it("only senderCustomerId when nothing else is known", () => {
    expect(buildCustomerData({ customerId: "guest_123" })).toEqual({ senderCustomerId: "guest_123" })
  })

  it("drops placeholder and digits-only names", () => {
    const out = build({ firstName: "CARDHOLDER", lastName: "12345", middleName: "Unknown" })
    expect(out).toEqual({ senderCustomerId: "cus_1" })
  })

  it("truncates city to 25 and street to 35 characters", () => {
    const city = "Кам'янець-Подільський район міста"
    const street = "вулиця Тараса Григоровича Шевченка, будинок 123, корпус 4"
    const out = build({ city, street })
    expect(out.senderCity).toBe(city.slice(0, 25).trim())
    expect(out.senderCity!.length).toBeLessThanOrEqual(25)
    expect(out.senderStreet).toBe(street.slice(0, 35).trim())
    expect(out.senderStreet!.length).toBeLessThanOrEqual(35)
  })

  it("collapses whitespace and never leaves trailing spaces after truncation", () => {
    const out = build({ city: "  Ivano   Frankivsk  ", street: "a".repeat(34) + " bcd" })
    expect(out.senderCity).toBe("Ivano Frankivsk")
    expect(out.senderStreet).toBe("a".repeat(34))
  })

  it.each([["2001:db8::1"], ["::1"], ["fe80::1%eth0"], ["256.1.1.1"], ["1.2.3"], ["01.2.3.4"], ["localhost"]])(
    "drops IP %j (IPv4 only)",
    (ip) => {
      expect(build({ ip })).not.toHaveProperty("senderIp")
    }
  )

  it.each([["0.0.0.0"], ["192.168.0.1"], ["255.255.255.255"]])("keeps IPv4 %j", (ip) => {
    expect(build({ ip }).senderIp).toBe(ip)
  })

  it.each([["not-an-email"], ["a@b"], ["a @b.com"], ["@example.com"], ["anna@"], ["a@@b.com"]])(
    "drops invalid email %j",
    (email) => {
      expect(build({ email })).not.toHaveProperty("senderEmail")
    }
  )

  it("trims a valid email", () => {
    expect(build({ email: "  anna@example.com " }).senderEmail).toBe("anna@example.com")
  })

  it.each([["UA"], ["UKR"], ["ua"], ["80"], ["8040"], ["Україна"]])("drops non-numeric country %j", (countryNumeric) => {
    expect(build({ countryNumeric })).not.toHaveProperty("senderCountry")
  })

  it("keeps the numeric country 804", () => {
    expect(build({ countryNumeric: "804" }).senderCountry).toBe("804")
    expect(build({ countryNumeric: " 804 " }).senderCountry).toBe("804")
  })

  it("never outputs empty strings, whitespace or nulls", () => {
    const out = build({
      firstName: "",
      lastName: null,
      middleName: "   ",
      email: "",
      countryNumeric: null,
      region: " ",
      city: "",
      street: null,
      additionalAddress: "\t\n",
      zipCode: "",
      phone: "",
      ip: null,
    })
    expect(out).toEqual({ senderCustomerId: "cus_1" })
    expectNoEmpty(out)
    expect(JSON.stringify(out)).not.toMatch(/null|""/)
  })

  it("output never contains empty values, whatever the input", () => {
    const junk = ["", " ", null, undefined, ".", "—", "UA", "::1", "CARDHOLDER", "0", "x"]
    for (const v of junk) {
      const out = build({
        firstName: v,
        lastName: v,
        middleName: v,
        email: v,
        countryNumeric: v,
        region: v,
        city: v,
        street: v,
        additionalAddress: v,
        zipCode: v,
        phone: v,
        ip: v,
      })
      expectNoEmpty(out)
    }
  })

  it("missing or blank customerId throws", () => {
    expect(() => buildCustomerData({} as never)).toThrow(/senderCustomerId/)
    expect(() => buildCustomerData({ customerId: "" })).toThrow(/senderCustomerId/)
    expect(() => buildCustomerData({ customerId: "   " })).toThrow(/senderCustomerId/)
    expect(() => buildCustomerData({ customerId: null as never })).toThrow(/senderCustomerId/)
  })

  it("truncates customerId to 255 characters", () => {
    expect(buildCustomerData({ customerId: "c".repeat(300) }).senderCustomerId).toHaveLength(255)
  })
})

describe("omitEmpty", () => {
  it("drops undefined, null and empty strings, deeply", () => {
    expect(
      omitEmpty({
        a: 1,
        b: "",
        c: null,
        d: undefined,
        e: { f: "", g: null, h: "x", i: { j: undefined } },
        k: [{ l: "", m: 2 }, { n: null }],
        o: 0,
        p: false,
        q: " ",
      })
    ).toEqual({ a: 1, e: { h: "x" }, k: [{ m: 2 }, {}], o: 0, p: false, q: " " })
  })

  it("drops objects that become empty and keeps zero, false and arrays", () => {
    const out = omitEmpty({ customerData: { senderEmail: "" }, paymentMethods: [], coinAmount: 0, x: { y: { z: null } } })
    expect(out).toEqual({ paymentMethods: [], coinAmount: 0 })
    expect(out).not.toHaveProperty("customerData")
    expect(out).not.toHaveProperty("x")
  })

  it("leaves primitives untouched and does not mutate its input", () => {
    expect(omitEmpty("")).toBe("")
    expect(omitEmpty(5)).toBe(5)
    expect(omitEmpty(null)).toBeNull()
    const input = { a: "", b: { c: null, d: 1 } }
    const copy = JSON.parse(JSON.stringify(input))
    omitEmpty(input)
    expect(input).toEqual(copy)
  })
})
