import { describe, it, expect } from "vitest"
import { MoneyError, fromKopecks, isKopecks, toKopecks } from "../../src/core/bank/money"

/** Deterministic PRNG (mulberry32) so a failing case can be reproduced. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Reference written independently of money.ts: move the decimal point in the text, keep two
 * fraction digits and round half-up by looking at the third one.
 */
function referenceKopecks(text: string): bigint {
  const m = /^\+?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text)
  if (!m) throw new Error(`reference cannot read ${text}`)
  let int = m[1] || "0"
  let frac = m[2] ?? ""
  let exp = m[3] ? Number(m[3]) : 0
  while (exp > 0) {
    int += frac[0] ?? "0"
    frac = frac.slice(1)
    exp--
  }
  while (exp < 0) {
    frac = (int.slice(-1) || "0") + frac
    int = int.slice(0, -1)
    exp++
  }
  const two = (frac + "00").slice(0, 2)
  const roundUp = Number(frac[2] ?? "0") >= 5
  return BigInt((int || "0") + two) + (roundUp ? 1n : 0n)
}

describe("toKopecks", () => {
  it.each([
    ["19.99", 1999],
    ["0.1", 10],
    ["0.01", 1],
    ["0.10", 10],
    ["125.5", 12550],
    ["1", 100],
    ["1.", 100],
    [".5", 50],
    ["+7.25", 725],
    ["  42.00  ", 4200],
    ["0", 0],
    ["-0", 0],
    ["1e3", 100000],
    ["1E3", 100000],
    ["1.5e2", 15000],
    ["2500e-2", 2500],
    ["12345e-5", 12],
    ["10.005", 1001],
    ["10.004", 1000],
    ["10.0049999999", 1000],
    ["0.005", 1],
    ["0.0049", 0],
    ["1e-7", 0],
    ["1e-400", 0],
    ["000123.450", 12345],
    ["90071992547409.91", 9007199254740991],
  ])("%j → %i", (input, expected) => {
    expect(toKopecks(input)).toBe(expected)
  })

  it.each([
    [19.99, 1999],
    [0.1, 10],
    [0.1 + 0.2, 30], // 0.30000000000000004
    [1.005, 101], // the decimal text "1.005" is what is rounded, not the binary 1.00499999…
    [1e-7, 0],
    [1e3, 100000],
    [125.5, 12550],
    [0, 0],
    [-0, 0],
    [4.35, 435], // Math.floor(4.35 * 100) would be 434
  ])("number %d → %i", (input, expected) => {
    expect(toKopecks(input)).toBe(expected)
  })

  it("accepts bigint", () => {
    expect(toKopecks(125n)).toBe(12500)
  })

  it("accepts Medusa BigNumber shapes", () => {
    expect(toKopecks({ raw: { value: "125.5" } })).toBe(12550)
    expect(toKopecks({ raw: { value: 19.99 } })).toBe(1999)
    expect(toKopecks({ raw: { value: " 0.01 " } })).toBe(1)
    expect(toKopecks({ toString: () => "19.99" })).toBe(1999)
    // raw wins over toString when both exist (the numeric getter may be lossy)
    expect(toKopecks({ raw: { value: "10.005" }, toString: () => "10" })).toBe(1001)
    // a raw without a usable value falls back to toString
    expect(toKopecks({ raw: {}, toString: () => "3.5" } as never)).toBe(350)
  })

  it.each([
    ["-1"],
    ["-0.01"],
    ["-0.005"],
    ["-1e3"],
    ["-1e999999999"],
  ])("negative %j throws MoneyError", (input) => {
    expect(() => toKopecks(input)).toThrow(MoneyError)
    expect(() => toKopecks(input)).toThrow(/negative/)
  })

  it("negative numbers throw MoneyError", () => {
    expect(() => toKopecks(-19.99)).toThrow(MoneyError)
  })

  it.each([NaN, Infinity, -Infinity])("%d throws MoneyError", (input) => {
    expect(() => toKopecks(input)).toThrow(MoneyError)
  })

  it.each([
    [""],
    ["   "],
    ["."],
    ["abc"],
    ["1,50"],
    ["1.2.3"],
    ["12 UAH"],
    ["₴12"],
    ["0x10"],
    ["1e"],
    ["e5"],
    ["--1"],
    ["NaN"],
    ["Infinity"],
    ["1_000"],
  ])("garbage %j throws MoneyError", (input) => {
    expect(() => toKopecks(input)).toThrow(MoneyError)
  })

  it("non-decimal values throw MoneyError", () => {
    for (const bad of [null, undefined, true, {}, [], Symbol("x")]) {
      expect(() => toKopecks(bad as never)).toThrow(MoneyError)
    }
    expect(() => toKopecks({ raw: { value: "abc" } })).toThrow(MoneyError)
  })

  it.each([
    ["90071992547409.92"],
    ["1e14"],
    ["1e21"],
    ["1e400"],
    ["99999999999999999999999999999"],
  ])("too large %j throws MoneyError", (input) => {
    expect(() => toKopecks(input)).toThrow(MoneyError)
    expect(() => toKopecks(input)).toThrow(/too large/)
  })

  // a billion-digit number would take minutes and gigabytes: finishing within the test's limit is the proof
  it("huge exponents fail fast with MoneyError instead of building giant numbers", () => {
    expect(() => toKopecks("1e999999999")).toThrow(MoneyError)
    expect(() => toKopecks("1e9999999999999")).toThrow(MoneyError)
    expect(toKopecks("1e-999999999")).toBe(0)
    expect(toKopecks("0e999999999")).toBe(0)
  })

  it("property: random decimal strings agree with an exact BigInt reference", () => {
    const rand = prng(0x5eed)
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join("")
    for (let i = 0; i < 5000; i++) {
      const int = digits(Math.floor(rand() * 14))
      const frac = digits(Math.floor(rand() * 9))
      let text = int
      if (frac || !int || rand() < 0.2) text += "." + frac
      if (text === ".") text = "0.0"
      if (rand() < 0.25) text += `e${Math.floor(rand() * 11) - 5}`
      const expected = referenceKopecks(text)
      if (expected > BigInt(Number.MAX_SAFE_INTEGER)) {
        expect(() => toKopecks(text), text).toThrow(MoneyError)
      } else {
        expect(toKopecks(text), text).toBe(Number(expected))
      }
    }
  })

  it("property: every whole kopeck amount survives the number route (k / 100)", () => {
    const rand = prng(42)
    for (let i = 0; i < 5000; i++) {
      const k = Math.floor(rand() * 10 ** Math.floor(rand() * 13))
      expect(toKopecks(k / 100), String(k)).toBe(k)
      expect(toKopecks(fromKopecks(k)), String(k)).toBe(k)
    }
  })
})

describe("fromKopecks", () => {
  it.each([
    [12550, "125.50"],
    [5, "0.05"],
    [0, "0.00"],
    [1999, "19.99"],
    [100, "1.00"],
    [-5, "-0.05"],
    [9007199254740991, "90071992547409.91"],
  ])("%i → %j", (input, expected) => {
    expect(fromKopecks(input)).toBe(expected)
  })

  it("accepts bigint", () => {
    expect(fromKopecks(12550n)).toBe("125.50")
  })

  it("refuses fractional or unsafe numbers", () => {
    expect(() => fromKopecks(1.5)).toThrow(MoneyError)
    expect(() => fromKopecks(NaN)).toThrow(MoneyError)
    expect(() => fromKopecks(2 ** 60)).toThrow(MoneyError)
  })
})

describe("isKopecks", () => {
  it("accepts non-negative safe integers only", () => {
    expect(isKopecks(0)).toBe(true)
    expect(isKopecks(12550)).toBe(true)
    expect(isKopecks(-1)).toBe(false)
    expect(isKopecks(1.5)).toBe(false)
    expect(isKopecks("2500")).toBe(false)
    expect(isKopecks(2 ** 60)).toBe(false)
  })
})
