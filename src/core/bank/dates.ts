/**
 * The bank writes dates five different ways (api §6.6). Everything is parsed
 * explicitly; offset-less values are Kyiv local time, whatever the process TZ is.
 */

const WITH_OFFSET =
  /^(\d{4})[-.](\d{2})[-.](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/

const KYIV = "Europe/Kyiv"

function kyivOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: KYIV,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"))
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000)
}

/** Returns epoch milliseconds, or undefined for text that is not one of the bank's date forms. */
export function parseBankDate(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined
  const m = WITH_OFFSET.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s = "0", frac = "0", offset] = m
  // tokenExpirationDateTime is Java's "SSSS": milliseconds zero-padded to 4 digits, so ".0430" is
  // 430 ms (the same instant as tokenExpiration's ".430"). Other fractions are decimal.
  const ms = frac.length === 4 && frac[0] === "0" ? Number(frac) : Math.round(Number(`0.${frac}`) * 1000)
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
  // Date.UTC rolls over out-of-range fields (30 February, 24:00, month 13): refuse them instead.
  const check = new Date(wall)
  if (
    Number.isNaN(wall) ||
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(s)
  ) {
    return undefined
  }
  if (offset === undefined) {
    // Kyiv wall time: take the offset at that moment (twice, to settle DST edges).
    const guess = wall - kyivOffsetMinutes(wall) * 60000
    return wall - kyivOffsetMinutes(guess) * 60000
  }
  if (offset === "Z") return wall
  const sign = offset.startsWith("-") ? -1 : 1
  const digits = offset.slice(1).replace(":", "")
  if (Number(digits.slice(0, 2)) > 14 || Number(digits.slice(2)) > 59) return undefined
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  return wall - sign * minutes * 60000
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0")

/** `YYYY-MM-DD HH:mm:ss.SS+00:00` in UTC: the refund `date` format the bank checks. */
export function formatRefundDate(at: Date = new Date()): string {
  return (
    `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.` +
    `${pad(Math.floor(at.getUTCMilliseconds() / 10))}+00:00`
  )
}

/**
 * Kyiv-time `YYYY-MM-DD HH:mm:ss.SS+02:00` as the bank writes createDate / expiredOrderDate;
 * with 3 fraction digits, `…ss.SSS+02:00` as in tokenExpiration.
 */
export function formatKyivDate(at: Date, fractionDigits: 2 | 3 = 2): string {
  const offset = kyivOffsetMinutes(at.getTime())
  const local = new Date(at.getTime() + offset * 60000)
  const sign = offset >= 0 ? "+" : "-"
  const abs = Math.abs(offset)
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.` +
    `${fractionDigits === 3 ? pad(local.getUTCMilliseconds(), 3) : pad(Math.floor(local.getUTCMilliseconds() / 10))}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/** Kyiv-time `yyyy.MM.dd HH:mm:ss.SSS` (no offset) as the bank writes operation timestamps. */
export function formatOperationDate(at: Date): string {
  const local = new Date(at.getTime() + kyivOffsetMinutes(at.getTime()) * 60000)
  return (
    `${local.getUTCFullYear()}.${pad(local.getUTCMonth() + 1)}.${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.` +
    `${pad(local.getUTCMilliseconds(), 3)}`
  )
}

/** Kyiv-time `yyyy.MM.dd HH:mm` as in transactionCreateDateTime / transactionModificationDateTime. */
export function formatTransactionMinute(at: Date): string {
  return formatOperationDate(at).slice(0, 16)
}

/** `yyyy-MM-dd HH:mm:ss.SSSS +0000` (UTC) as in tokenExpirationDateTime: Java "SSSS", so 430 ms is ".0430". */
export function formatTokenExpiry(at: Date): string {
  return (
    `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.` +
    `${pad(at.getUTCMilliseconds(), 4)} +0000`
  )
}
