import { describe, it, expect } from "vitest"
import {
  formatKyivDate,
  formatOperationDate,
  formatRefundDate,
  formatTokenExpiry,
  formatTransactionMinute,
  parseBankDate,
} from "../../src/core/bank/dates"

const utc = (iso: string) => Date.parse(iso)

describe("parseBankDate: every format of api §6.6", () => {
  it.each([
    // createDate / expiredOrderDate, yyyy-MM-dd HH:mm:ss.SS[S]±hh:mm
    ["2026-01-10 12:00:00.12+02:00", "2026-01-10T10:00:00.120Z"],
    ["2026-01-10 12:15:00.123+02:00", "2026-01-10T10:15:00.123Z"],
    ["2025-07-01 18:30:05.5+03:00", "2025-07-01T15:30:05.500Z"],
    // refund date as we send it, UTC
    ["2026-01-10 12:30:45.67+00:00", "2026-01-10T12:30:45.670Z"],
    // negative offset and compact offset
    ["2026-01-10 07:30:45.67-05:00", "2026-01-10T12:30:45.670Z"],
    ["2026-01-10 14:30:45.67+0200", "2026-01-10T12:30:45.670Z"],
    // ISO-ish forms a library could produce
    ["2026-01-10T12:30:45.670Z", "2026-01-10T12:30:45.670Z"],
    ["2026-01-10T12:30:45Z", "2026-01-10T12:30:45.000Z"],
    // tokenExpirationDateTime: Java "SSSS" (milliseconds padded to 4 digits), space before +0000
    ["2025-02-27 12:12:34.0430 +0000", "2025-02-27T12:12:34.430Z"],
    ["2025-02-27 12:12:34.0007 +0000", "2025-02-27T12:12:34.007Z"],
    // a 4-digit fraction that cannot be padded milliseconds is read as a decimal fraction (§3.3 sample)
    ["2026-01-10 09:00:00.1234 +0000", "2026-01-10T09:00:00.123Z"],
    // tokenExpiration: same instant in Kyiv time
    ["2025-02-27 14:12:34.430+02:00", "2025-02-27T12:12:34.430Z"],
  ])("%s → %s", (text, iso) => {
    expect(parseBankDate(text)).toBe(utc(iso))
  })

  it("tokenExpirationDateTime and tokenExpiration of one payload are the same instant", () => {
    expect(parseBankDate("2025-02-27 12:12:34.0430 +0000")).toBe(parseBankDate("2025-02-27 14:12:34.430+02:00"))
    expect(parseBankDate("2026-01-10 09:00:00.1234 +0000")).toBe(parseBankDate("2026-01-10 11:00:00.123+02:00"))
  })

  describe("dotted forms without offset are Kyiv local time", () => {
    it.each([
      // winter: EET, UTC+2
      ["2026.01.10 12:01:02.345", "2026-01-10T10:01:02.345Z"],
      ["2025.12.31 23:59:59.999", "2025-12-31T21:59:59.999Z"],
      // summer: EEST, UTC+3 (the EN callback example)
      ["2024.10.10 14:08:39.453", "2024-10-10T11:08:39.453Z"],
      ["2025.07.15 00:30:00.000", "2025-07-14T21:30:00.000Z"],
      // transactionCreateDateTime: yyyy.MM.dd HH:mm
      ["2024.09.19 15:29", "2024-09-19T12:29:00.000Z"],
      ["2026.01.10 12:01", "2026-01-10T10:01:00.000Z"],
      // dashed without offset is read the same way
      ["2026-01-10 12:01:02.345", "2026-01-10T10:01:02.345Z"],
    ])("%s → %s", (text, iso) => {
      expect(parseBankDate(text)).toBe(utc(iso))
    })

    it("around the DST switches (last Sunday of March / October)", () => {
      // 2025-03-30 03:00 EET → 04:00 EEST (01:00Z)
      expect(parseBankDate("2025.03.30 02:59:59.000")).toBe(utc("2025-03-30T00:59:59Z"))
      expect(parseBankDate("2025.03.30 04:00:00.000")).toBe(utc("2025-03-30T01:00:00Z"))
      // 2025-10-26 04:00 EEST → 03:00 EET (01:00Z)
      expect(parseBankDate("2025.10.26 02:30:00.000")).toBe(utc("2025-10-25T23:30:00Z"))
      expect(parseBankDate("2025.10.26 04:30:00.000")).toBe(utc("2025-10-26T02:30:00Z"))
    })
  })

  it("does not depend on the process time zone", () => {
    // same text, same answer: the Kyiv offset comes from Intl, not from the host TZ
    const a = parseBankDate("2024.10.10 14:08:39.453")
    const b = parseBankDate(" 2024.10.10 14:08:39.453 ")
    expect(a).toBe(b)
  })

  it.each([
    [""],
    ["garbage"],
    ["22024-10-10 12:00:00.00+02:00"], // the docs' typo
    ["2024/10/10 14:08:39"],
    ["10.10.2024 14:08"],
    ["2024-10-10"],
    ["2024-10-10 14"],
    ["2024-10-10 14:08:39.453 EET"],
    ["2024-10-10 14:08:39.453+2"],
    ["2026-13-01 12:00:00.00+02:00"], // month 13
    ["2026-02-30 12:00:00.00+02:00"], // 30 February
    ["2026-01-10 24:00:00.00+02:00"],
    ["2026-01-10 12:60:00.00+02:00"],
    ["2026-01-10 12:00:61.00+02:00"],
    ["2026-01-10 12:00:00.00+25:00"],
    ["2026.02.29 12:00"], // not a leap year
  ])("garbage %j → undefined", (text) => {
    expect(parseBankDate(text)).toBeUndefined()
  })

  it("non-strings → undefined", () => {
    for (const v of [undefined, null, 0, Date.now(), new Date(), {}, []]) {
      expect(parseBankDate(v)).toBeUndefined()
    }
  })

  it("accepts a leap day", () => {
    expect(parseBankDate("2024.02.29 12:00")).toBe(utc("2024-02-29T10:00:00Z"))
  })
})

describe("formatters", () => {
  const instants = [
    new Date("2026-01-10T10:01:02.345Z"), // winter
    new Date("2025-07-14T21:30:00.007Z"), // summer, crosses midnight in Kyiv
    new Date("2024-02-29T23:59:59.999Z"),
    new Date("2025-10-26T00:59:59.990Z"), // just before the October switch
    new Date("2025-03-30T01:00:00.000Z"), // the March switch
  ]

  it("formatRefundDate: UTC, 2-digit fraction, +00:00, and it round-trips within 10 ms", () => {
    for (const at of [...instants, new Date()]) {
      const text = formatRefundDate(at)
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}\+00:00$/)
      const back = parseBankDate(text)!
      expect(back).toBeLessThanOrEqual(at.getTime())
      expect(at.getTime() - back).toBeLessThan(10)
    }
    expect(formatRefundDate(new Date("2026-01-10T12:30:45.678Z"))).toBe("2026-01-10 12:30:45.67+00:00")
  })

  it("formatRefundDate defaults to now", () => {
    const before = Date.now()
    const back = parseBankDate(formatRefundDate())!
    expect(back).toBeGreaterThanOrEqual(before - 10)
    expect(back).toBeLessThanOrEqual(Date.now())
  })

  it("formatKyivDate writes Kyiv wall time with the right offset and round-trips", () => {
    expect(formatKyivDate(new Date("2026-01-10T10:00:00.120Z"))).toBe("2026-01-10 12:00:00.12+02:00")
    expect(formatKyivDate(new Date("2024-10-10T11:08:39.453Z"))).toBe("2024-10-10 14:08:39.45+03:00")
    for (const at of instants) {
      const text = formatKyivDate(at)
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2}\+0[23]:00$/)
      const back = parseBankDate(text)!
      expect(at.getTime() - back).toBeGreaterThanOrEqual(0)
      expect(at.getTime() - back).toBeLessThan(10)
    }
  })

  it("formatOperationDate writes dotted Kyiv time without offset and round-trips exactly", () => {
    expect(formatOperationDate(new Date("2026-01-10T10:01:02.345Z"))).toBe("2026.01.10 12:01:02.345")
    expect(formatOperationDate(new Date("2024-10-10T11:08:39.453Z"))).toBe("2024.10.10 14:08:39.453")
    // (the hour repeated at the October switch is ambiguous without an offset; see below)
    for (const at of instants.filter((i) => i.getTime() !== Date.parse("2025-10-26T00:59:59.990Z"))) {
      const text = formatOperationDate(at)
      expect(text).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)
      expect(parseBankDate(text)).toBe(at.getTime())
    }
  })

  it("an offset-less time in the repeated October hour resolves to one of its two instants", () => {
    const text = formatOperationDate(new Date("2025-10-26T00:30:00.000Z"))
    expect(text).toBe("2025.10.26 03:30:00.000")
    expect([Date.parse("2025-10-26T00:30:00Z"), Date.parse("2025-10-26T01:30:00Z")]).toContain(parseBankDate(text))
  })

  it("formatTokenExpiry writes the tokenExpirationDateTime shape and round-trips exactly", () => {
    // the bank's own pair: 12:12:34.0430 +0000 is 14:12:34.430+02:00
    expect(formatTokenExpiry(new Date("2025-02-27T12:12:34.430Z"))).toBe("2025-02-27 12:12:34.0430 +0000")
    expect(formatTokenExpiry(new Date("2025-02-27T12:12:34.007Z"))).toBe("2025-02-27 12:12:34.0007 +0000")
    for (const at of instants) {
      const text = formatTokenExpiry(at)
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{4} \+0000$/)
      expect(parseBankDate(text)).toBe(at.getTime())
    }
  })

  it("tokenExpiration: the same instant in Kyiv time with three fraction digits, as the docs print it", () => {
    // docs: "tokenExpirationDateTime":"2025-02-14 22:45:24.0463 +0000" ↔ "tokenExpiration":"2025-02-15 00:45:24.463+02:00"
    const at = new Date("2025-02-14T22:45:24.463Z")
    expect(formatTokenExpiry(at)).toBe("2025-02-14 22:45:24.0463 +0000")
    expect(formatKyivDate(at, 3)).toBe("2025-02-15 00:45:24.463+02:00")
    expect(parseBankDate(formatKyivDate(at, 3))).toBe(at.getTime())
  })

  it("transactionCreateDateTime: dotted Kyiv time to the minute", () => {
    expect(formatTransactionMinute(new Date("2024-10-23T08:56:54.483Z"))).toBe("2024.10.23 11:56")
  })
})
