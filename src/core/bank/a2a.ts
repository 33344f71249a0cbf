import { bankComment } from "./free-text"

/**
 * Pay-by-bank (hppPayType A2A, directType BANK_LINK), as the UA create-order page states it:
 * the link lives at least 60 minutes, merchantComment is required with 14–255 characters of the
 * documented charset, and an optional priority bank decides which app the link opens.
 */
export const A2A_MIN_LINK_MINUTES = 60
export const A2A_MIN_COMMENT = 14

/** The UA docs' priorityBankCode directory. ALL_BANKS: a page listing every bank. */
export const PRIORITY_BANK_CODES = [
  "ALL_BANKS", "QR_BANK_GOV", "BANK_GOV", "A_BANK", "ACCORD_BANK", "BANK_34", "CREDIT_AGRICOLE_BANK", "CREDIT_DNEPR",
  "GLOBUS_BANK", "MONO_BANK", "MTB_BANK", "OTP_BANK", "PIVDENNY_BANK", "PRAVEX_BANK", "PRIVAT_BANK", "RADA_BANK",
  "SENSE_BANK", "UKRSIB_BANK", "UNEX_BANK", "VST_BANK", "RAIFFEISEN_BANK",
] as const
export type PriorityBankCode = (typeof PRIORITY_BANK_CODES)[number]

export interface A2AOrderInput {
  priorityBankCode?: PriorityBankCode
  /** ask for the NBU QR (answer's nbuQrCode) */
  generateQrNbu?: boolean
  /** NBU category/goal code, e.g. MP2B/OTHR */
  paymentCategoryGoal?: string
}

/** merchantComment of an A2A order: the documented charset, padded to the bank's 14-character minimum. */
export function a2aComment(text: string | undefined, reference: string): string {
  const comment = bankComment(text) ?? ""
  if (comment.length >= A2A_MIN_COMMENT) return comment
  // the reference (our order id) makes a short comment long enough and is what the registers need
  return bankComment(`${comment ? `${comment} ` : ""}order ${reference}`.padEnd(A2A_MIN_COMMENT, "."))!
}

/** The A2A fields of the create-order body; throws a message saying what to fix. */
export function a2aOrderFields(input: A2AOrderInput, merchantComment: string | undefined, minutes: number | undefined) {
  if (!merchantComment || merchantComment.length < A2A_MIN_COMMENT) {
    throw new Error(`merchantComment is required for pay-by-bank (A2A): at least ${A2A_MIN_COMMENT} characters`)
  }
  if (minutes !== undefined && minutes < A2A_MIN_LINK_MINUTES) {
    throw new Error(`expirationTimeMinutes must be at least ${A2A_MIN_LINK_MINUTES} for pay-by-bank (A2A)`)
  }
  if (input.priorityBankCode !== undefined && !PRIORITY_BANK_CODES.includes(input.priorityBankCode)) {
    throw new Error(`priorityBankCode must be one of ${PRIORITY_BANK_CODES.join(", ")}`)
  }
  return {
    directType: "BANK_LINK" as const,
    // the bank's default lifetime is shorter than the A2A minimum: always send one
    expirationTimeMinutes: minutes ?? A2A_MIN_LINK_MINUTES,
    priorityBankCode: input.priorityBankCode,
    paymentCategoryGoal: input.paymentCategoryGoal,
    generateQrNbu: input.generateQrNbu ? "true" : undefined,
  }
}
