import { A2A_MIN_COMMENT, A2A_MIN_LINK_MINUTES, PRIORITY_BANK_CODES } from "../core/bank/a2a"
import { BankError, requestNotCorrect } from "./bank-errors"

export interface A2AFields {
  directType: "BANK_LINK"
  priorityBankCode?: string
  paymentCategoryGoal?: string
  generateQrNbu: boolean
  editableAmount: boolean
  neverExpire: boolean
}

const A2A_ONLY = ["priorityBankCode", "paymentCategoryGoal", "generateQrNbu", "editableAmount", "neverExpire"]
const PRIORITY_BANKS = new Set<string>(PRIORITY_BANK_CODES)

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === false || value === "false") return false
  if (value === true || value === "true") return true
  throw requestNotCorrect(`field ${field} must be true or false`)
}

function shortText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== "string") throw requestNotCorrect(`field ${field} must be a string`)
  if (value.length > max) throw requestNotCorrect(`field ${field} must be at most ${max} characters`)
  return value
}

/**
 * A2A-only fields, checked as the docs state them (UA create-order, 2.44.0–2.54.0): what an A2A
 * order adds to a card order. The shared rules (lengths, URLs, customer) are the contract's.
 */
export function parseA2AFields(body: Record<string, unknown>, hppPayType: string): A2AFields | undefined {
  if (hppPayType !== "A2A") {
    if (body.directType === "BANK_LINK") throw new BankError(400, "b_txn_not_allowed", "@directType BANK_LINK is for hppPayType A2A only")
    const stray = A2A_ONLY.find((k) => body[k] !== undefined && body[k] !== null)
    if (stray) throw requestNotCorrect(`field ${stray} is for hppPayType A2A only`)
    return undefined
  }
  if (body.directType !== "BANK_LINK") throw requestNotCorrect("field directType must be BANK_LINK for hppPayType A2A")
  const comment = body.merchantComment
  if (typeof comment !== "string" || comment.length < A2A_MIN_COMMENT) {
    throw requestNotCorrect(`field merchantComment is required for hppPayType A2A: ${A2A_MIN_COMMENT} to 255 characters`)
  }
  const minutes = body.expirationTimeMinutes
  if (typeof minutes === "number" && minutes < A2A_MIN_LINK_MINUTES) {
    throw requestNotCorrect(`field expirationTimeMinutes must be at least ${A2A_MIN_LINK_MINUTES} for hppPayType A2A`)
  }
  const bank = shortText(body.priorityBankCode, "priorityBankCode", 50)
  if (bank !== undefined && !PRIORITY_BANKS.has(bank)) {
    throw requestNotCorrect(`field priorityBankCode must be one of the directory's values (${PRIORITY_BANK_CODES.join(", ")})`)
  }
  return {
    directType: "BANK_LINK",
    priorityBankCode: bank,
    paymentCategoryGoal: shortText(body.paymentCategoryGoal, "paymentCategoryGoal", 50),
    generateQrNbu: flag(body.generateQrNbu, "generateQrNbu"),
    editableAmount: flag(body.editableAmount, "editableAmount"),
    neverExpire: flag(body.neverExpire, "neverExpire"),
  }
}

/** The body without the one null the docs send for A2A ("A2A and priorityBankCode = null"), so the bank's "no null fields" rule holds elsewhere. */
export function withoutDocumentedNulls(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input
  const body = input as Record<string, unknown>
  if (body.hppPayType !== "A2A" || body.priorityBankCode !== null) return body
  const { priorityBankCode: _omitted, ...rest } = body
  return rest
}
