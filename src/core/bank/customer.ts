/**
 * customerData as the bank accepts it (api §8). Invalid optional fields are dropped
 * rather than failing the payment; only senderCustomerId is required.
 */

export interface CustomerInput {
  customerId: string
  firstName?: string | null
  lastName?: string | null
  middleName?: string | null
  email?: string | null
  /** ISO 3166-1 numeric ("804"). Alpha codes are not converted here: the caller owns the country table. */
  countryNumeric?: string | null
  region?: string | null
  city?: string | null
  street?: string | null
  additionalAddress?: string | null
  zipCode?: string | null
  phone?: string | null
  ip?: string | null
}

export interface CustomerData {
  senderCustomerId: string
  senderFirstName?: string
  senderLastName?: string
  senderMiddleName?: string
  senderEmail?: string
  senderCountry?: string
  senderRegion?: string
  senderCity?: string
  senderStreet?: string
  senderAdditionalAddress?: string
  senderZipCode?: string
  senderPhone?: string
  senderIp?: string
}

const ALNUM = "a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ"
const NAME = new RegExp(`^[${ALNUM}](?:[${ALNUM}\\s\\-']*[${ALNUM}])?$`)
const PLACEHOLDER_NAMES = new Set(["NULL", "3D SECURE", "SURNAME", "CARDHOLDER", "UNKNOWN"])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function clean(text: string | null | undefined): string | undefined {
  if (typeof text !== "string") return undefined
  const t = text.replace(/\s+/g, " ").trim()
  return t.length ? t : undefined
}

function truncate(text: string | undefined, max: number): string | undefined {
  return text === undefined ? undefined : text.slice(0, max).trim() || undefined
}

export function sanitizeName(raw: string | null | undefined): string | undefined {
  if (typeof raw !== "string") return undefined
  // NFC first, or a decomposed ї/й would lose its diacritic below and silently become і/и
  // typographic apostrophes (’ ʼ ‘ `) → ASCII ', which is the only one the bank takes
  let name = clean(raw.normalize("NFC").replace(/[\u2019\u02BC\u2018`]/g, "'"))
  if (!name) return undefined
  // Latin letters with diacritics keep their base letter (José → Jose) instead of being deleted
  name = name.replace(/[\u00C0-\u024F]/g, (ch) => ch.normalize("NFD").replace(/[\u0300-\u036F]/g, ""))
  name = name.replace(/[^a-zA-Z0-9а-яА-ЯёЁіІїЇєЄґҐ\s\-']/g, "").replace(/\s+/g, " ")
  name = name.replace(/^[\s\-']+|[\s\-']+$/g, "")
  name = truncate(name, 30)?.replace(/[\s\-']+$/, "")
  if (!name || !NAME.test(name) || /^[\d\s\-']+$/.test(name) || PLACEHOLDER_NAMES.has(name.toUpperCase())) {
    return undefined
  }
  return name
}

export function sanitizePhone(raw: string | null | undefined): string | undefined {
  const digits = raw?.replace(/\D/g, "")
  return digits && digits.length >= 7 && digits.length <= 20 ? digits : undefined
}

export function buildCustomerData(input: CustomerInput): CustomerData {
  const senderCustomerId = truncate(clean(input.customerId), 255)
  if (!senderCustomerId) throw new Error("customerData.senderCustomerId is required by the bank")
  const email = truncate(clean(input.email), 256)
  const ip = clean(input.ip)
  const country = clean(input.countryNumeric)
  const data: CustomerData = {
    senderCustomerId,
    senderFirstName: sanitizeName(input.firstName),
    senderLastName: sanitizeName(input.lastName),
    senderMiddleName: sanitizeName(input.middleName),
    senderEmail: email && EMAIL.test(email) ? email : undefined,
    senderCountry: country && /^\d{3}$/.test(country) ? country : undefined,
    senderRegion: truncate(clean(input.region), 255),
    senderCity: truncate(clean(input.city), 25),
    senderStreet: truncate(clean(input.street), 35),
    senderAdditionalAddress: truncate(clean(input.additionalAddress), 255),
    senderZipCode: truncate(clean(input.zipCode), 50),
    senderPhone: sanitizePhone(input.phone),
    senderIp: ip && IPV4.test(ip) ? ip : undefined,
  }
  return omitEmpty(data)
}

/** The bank rejects null and "" in any present field, so absent means absent (deeply). */
export function omitEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitEmpty) as T
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null || v === "") continue
      const inner = omitEmpty(v)
      if (inner && typeof inner === "object" && !Array.isArray(inner) && Object.keys(inner).length === 0) continue
      out[k] = inner
    }
    return out as T
  }
  return value
}
