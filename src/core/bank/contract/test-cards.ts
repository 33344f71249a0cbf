import type { PaymentMethod } from "./answers"

export interface ResponseInfo {
  actionCode?: string
  responseCode?: string
  description?: string
}

export const RESPONSES = {
  approved: { actionCode: "0", responseCode: "00", description: "approved" },
  declined: { actionCode: "1", responseCode: "05", description: "declined: do not honor" },
  insufficientFunds: { actionCode: "1", responseCode: "16", description: "declined: insufficient funds" },
  threeDsFailed: { actionCode: "33", responseCode: "01", description: "3DS authentication failed" },
  refundDeclined: { actionCode: "1", responseCode: "05", description: "refund declined" },
} satisfies Record<string, ResponseInfo>

export type PurchaseBehaviour =
  | { status: "SUCCESS" }
  | { status: "FAIL"; info: ResponseInfo }
  | { status: "REQUIRED_3DS" }
  | { status: "PENDING" }

export interface TestCard {
  number: string
  brand: string
  outcome: string
  behaviour: PurchaseBehaviour
}

/** The sandbox's test cards by what they do (shown on its page and in its --help). */
export const TEST_CARD = {
  visa: "4111 1111 1111 1111",
  mastercard: "5555 5555 5555 4444",
  declined: "4000 0000 0000 0002",
  insufficientFunds: "4000 0000 0000 9995",
  threeDs: "4000 0000 0000 3220",
  slowBank: "4000 0000 0000 0259",
} as const

export const TEST_CARDS: readonly TestCard[] = [
  { number: TEST_CARD.visa, brand: "Visa", outcome: "success", behaviour: { status: "SUCCESS" } },
  { number: TEST_CARD.mastercard, brand: "MasterCard", outcome: "success", behaviour: { status: "SUCCESS" } },
  {
    number: TEST_CARD.declined,
    brand: "Visa",
    outcome: "declined (actionCode 1, responseCode 05)",
    behaviour: { status: "FAIL", info: RESPONSES.declined },
  },
  {
    number: TEST_CARD.insufficientFunds,
    brand: "Visa",
    outcome: "insufficient funds (actionCode 1, responseCode 16)",
    behaviour: { status: "FAIL", info: RESPONSES.insufficientFunds },
  },
  {
    number: TEST_CARD.threeDs,
    brand: "Visa",
    outcome: "3DS challenge: REQUIRED_3DS, then Confirm → success / Fail → failure",
    behaviour: { status: "REQUIRED_3DS" },
  },
  {
    number: TEST_CARD.slowBank,
    brand: "Visa",
    outcome: "stays PENDING (slow bank); settle it through the control API",
    behaviour: { status: "PENDING" },
  },
]

/** Digits only: shoppers type spaces and dashes. */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "")
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** MM/YY (also MM/YYYY, MMYY). Returns undefined when unreadable. */
export function parseExpiry(input: string): { month: number; year: number } | undefined {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input)
  if (!m) return undefined
  const month = Number(m[1])
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2])
  if (month < 1 || month > 12) return undefined
  return { month, year }
}

/** A card is valid through the last day of its expiry month. */
export function isExpired(expiry: { month: number; year: number }, now = new Date()): boolean {
  return expiry.year * 12 + expiry.month < now.getFullYear() * 12 + now.getMonth() + 1
}

export function cardBehaviour(digits: string): PurchaseBehaviour {
  const card = TEST_CARDS.find((c) => normaliseCardNumber(c.number) === digits)
  return card ? card.behaviour : { status: "SUCCESS" }
}

/** The bank's test-terminal rule (api §10): the kopeck part of the amount decides, whatever the card. */
export function purchaseKopeckRule(coinAmount: number): PurchaseBehaviour | undefined {
  const kopecks = coinAmount % 100
  if (kopecks === 4) return { status: "SUCCESS" }
  if (kopecks === 5 || kopecks === 6) return { status: "FAIL", info: RESPONSES.declined }
  return undefined
}

export function refundKopeckRule(coinAmount: number): "SUCCESS" | "FAIL" | undefined {
  const kopecks = coinAmount % 100
  if (kopecks === 16) return "SUCCESS"
  if (kopecks === 17 || kopecks === 18) return "FAIL"
  return undefined
}

export function maskCard(digits: string): string {
  return digits.slice(0, 6) + "*".repeat(Math.max(0, digits.length - 10)) + digits.slice(-4)
}

export function paymentSystemOf(digits: string): string {
  if (digits.startsWith("4")) return "Visa"
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "MasterCard"
  if (digits.startsWith("9804")) return "Prostir"
  return "Unknown"
}

/** The card a wallet payment or a control-API payment is recorded with. */
export const DEFAULT_CARD: Record<PaymentMethod, string> = {
  CARD: "4111111111111111",
  APPLE_PAY: "4111111111111111",
  GOOGLE_PAY: "5555555555554444",
}
