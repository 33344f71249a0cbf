/**
 * Amounts cross to the bank as integer kopecks. Conversion is done on the decimal
 * text with BigInt, never through floating point: 19.99 is 1999, not 1998.
 *
 * Sub-kopeck input (Medusa keeps more precision than the bank) is rounded half-up
 * to the nearest kopeck: 10.004 → 1000, 10.005 → 1001.
 */

/** Anything that prints as a decimal: string, number, bigint, or Medusa's BigNumber ({ raw: { value } } / toString). */
export type DecimalInput = string | number | bigint | { toString(): string } | { raw?: { value?: unknown } }

export class MoneyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "MoneyError"
  }
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

function decimalText(input: DecimalInput): string {
  if (typeof input === "string") return input.trim()
  if (typeof input === "bigint") return input.toString()
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new MoneyError(`amount ${input} is not a finite number`)
    return String(input)
  }
  if (input && typeof input === "object") {
    const raw = (input as { raw?: { value?: unknown } }).raw
    if (raw && (typeof raw.value === "string" || typeof raw.value === "number")) return String(raw.value).trim()
    return String(input).trim()
  }
  throw new MoneyError(`amount ${String(input)} is not a decimal number`)
}

/** Major units (UAH) → integer kopecks. Throws on negatives, garbage and unsafe sizes. */
export function toKopecks(input: DecimalInput): number {
  const text = decimalText(input)
  const m = DECIMAL.exec(text)
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    throw new MoneyError(`amount "${text}" is not a decimal number`)
  }
  const [, sign, intPart, fracPart = "", expPart] = m
  const exp = expPart ? Number(expPart) : 0
  let digits = ((intPart || "0") + fracPart).replace(/^0+(?=\d)/, "")
  // value = digits × 10^(exp − len(frac)); we want value × 100
  let scale = exp - fracPart.length + 2
  // Bound the exponent before building anything ("1e999999999" must not allocate a billion zeros):
  // 17+ integer digits can never be a safe integer, and below 0.1 kopeck everything rounds to 0.
  if (digits === "0" || digits.length + scale < 0) return 0
  if (digits.length + scale > 16) {
    throw new MoneyError(`amount "${text}" is ${sign === "-" ? "negative" : "too large"}`)
  }
  if (scale >= 0) {
    digits += "0".repeat(scale)
    scale = 0
  }
  let kopecks = BigInt(digits)
  if (scale < 0) {
    const divisor = 10n ** BigInt(-scale)
    const quotient = kopecks / divisor
    const remainder = kopecks % divisor
    kopecks = remainder * 2n >= divisor ? quotient + 1n : quotient
  }
  if (sign === "-" && kopecks !== 0n) {
    throw new MoneyError(`amount "${text}" is negative`)
  }
  if (kopecks > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(`amount "${text}" is too large`)
  }
  return Number(kopecks)
}

/** Integer kopecks → major units as exact decimal text ("125.50"). */
export function fromKopecks(kopecks: number | bigint): string {
  if (typeof kopecks === "number" && !Number.isSafeInteger(kopecks)) {
    throw new MoneyError(`kopecks must be a safe integer, got ${kopecks}`)
  }
  const k = BigInt(kopecks)
  const negative = k < 0n
  const abs = negative ? -k : k
  const whole = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, "0")
  return `${negative ? "-" : ""}${whole}.${cents}`
}

/** Integer check for amounts that arrive from the bank (they must already be kopecks). */
export function isKopecks(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
}
