import { BankError, requestNotCorrect } from "./bank-errors"
import { optionalString, parseEncryptionFlag } from "./create-order-request"

/** The UA docs' priorityBankCode directory (dovidniki/dovidnik-prioritybankcode). */
export const PRIORITY_BANK_CODES = [
  "ALL_BANKS",
  "QR_BANK_GOV",
  "BANK_GOV",
  "A_BANK",
  "ACCORD_BANK",
  "BANK_34",
  "CREDIT_AGRICOLE_BANK",
  "CREDIT_DNEPR",
  "GLOBUS_BANK",
  "MONO_BANK",
  "MTB_BANK",
  "OTP_BANK",
  "PIVDENNY_BANK",
  "PRAVEX_BANK",
  "PRIVAT_BANK",
  "RADA_BANK",
  "SENSE_BANK",
  "UKRSIB_BANK",
  "UNEX_BANK",
  "VST_BANK",
  "RAIFFEISEN_BANK",
] as const

/** The bank's A2A rules (UA create-order, 2.44.0–2.54.0): what an A2A order adds to a card order. */
export const A2A_MIN_LINK_MINUTES = 60
export const A2A_MIN_COMMENT = 14

export interface A2AFields {
  directType: "BANK_LINK"
  priorityBankCode?: string
  paymentCategoryGoal?: string
  generateQrNbu: boolean
  editableAmount: boolean
  neverExpire: boolean
}

/**
 * A2A-only fields, checked as the docs state them. `priorityBankCode: null` is the docs' own
 * example ("A2A and priorityBankCode = null"), so null is taken as "not given" there only.
 */
export function parseA2AFields(body: Record<string, unknown>, hppPayType: string): A2AFields | undefined {
  const a2aOnly = ["priorityBankCode", "paymentCategoryGoal", "generateQrNbu", "editableAmount", "neverExpire"]
  if (hppPayType !== "A2A") {
    if (body.directType === "BANK_LINK") throw new BankError(400, "b_txn_not_allowed", "@directType BANK_LINK is for hppPayType A2A only")
    const stray = a2aOnly.find((k) => body[k] !== undefined && body[k] !== null)
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
  const bank = body.priorityBankCode === null ? undefined : optionalString(body, "priorityBankCode", 50)
  if (bank !== undefined && !(PRIORITY_BANK_CODES as readonly string[]).includes(bank)) {
    throw requestNotCorrect(`field priorityBankCode must be one of the directory's values (${PRIORITY_BANK_CODES.join(", ")})`)
  }
  return {
    directType: "BANK_LINK",
    priorityBankCode: bank,
    paymentCategoryGoal: optionalString(body, "paymentCategoryGoal", 50),
    generateQrNbu: parseEncryptionFlag(body.generateQrNbu, "generateQrNbu") ?? false,
    editableAmount: parseEncryptionFlag(body.editableAmount, "editableAmount") ?? false,
    neverExpire: parseEncryptionFlag(body.neverExpire, "neverExpire") ?? false,
  }
}

/** The body without the one null the docs send for A2A, so the bank's "no null fields" rule holds elsewhere. */
export function withoutDocumentedNulls(body: Record<string, unknown>): Record<string, unknown> {
  if (body.hppPayType !== "A2A" || body.priorityBankCode !== null) return body
  const { priorityBankCode: _omitted, ...rest } = body
  return rest
}
