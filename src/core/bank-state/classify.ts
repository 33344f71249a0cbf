import { parseBankDate, type BankOperation, type BankOrderStatus } from "../bank"

import type { BankOrderState } from "./states"

export interface Expected {
  merchantId: string
  merchantRequestId: string
  coinAmount: number
  /** ISO 4217 numeric, "980" for UAH */
  currencyNumeric: string
}

export interface Classification {
  state: BankOrderState
  /** the SUCCESS PURCHASE (or COMPLETION of a hold), when captured: refunds go against its operationId */
  purchase?: BankOperation
  /** two-step payments: the SUCCESS PREAUTH (authorized, or captured by its completion) */
  hold?: BankOperation
  /** why, in words an admin can read (mismatches say what differed, never secrets) */
  reason?: string
}

const IN_PROGRESS = new Set(["PENDING", "REQUIRED_3DS", "IN_PROGRESS"])
const FAILED = new Set(["FAIL", "DESIRED_THREEDS_MODE_ERROR"])
/** the shopper's payment: a card sale, a card hold (hppPayType PREAUTH), or a pay-by-bank transfer (A2A) */
const PURCHASE_TYPES = new Set(["PURCHASE", "PREAUTH", "ACCOUNT_2_ACCOUNT"])

/** A purchase is successful only with SUCCESS and, when the bank sends one, actionCode "0" (api §6.5). */
export function isSuccessfulPurchase(op: BankOperation): boolean {
  return PURCHASE_TYPES.has(op.type) && approved(op)
}

function approved(op: BankOperation): boolean {
  if (op.status !== "SUCCESS") return false
  const actionCode = op.transactionResponseInfo?.actionCode
  return actionCode === undefined || actionCode === null || actionCode === "0"
}

function mismatch(answer: BankOrderStatus, expected: Expected): string | undefined {
  if (answer.merchantId && answer.merchantId !== expected.merchantId) return "the bank order belongs to another merchant"
  if (answer.merchantRequestId && answer.merchantRequestId !== expected.merchantRequestId) {
    return "the bank order was created by another request"
  }
  if (answer.coinAmount !== expected.coinAmount) {
    return `the bank order is for ${answer.coinAmount} kopecks, we created it for ${expected.coinAmount}`
  }
  return undefined
}

/**
 * The bank's answer to `operations`, read as one state. Pure: the same answer and clock
 * always give the same state. Unknown bank statuses are never final.
 */
export function classifyBankOrder(answer: BankOrderStatus, expected: Expected, now: number, expiryGraceMs = 0): Classification {
  const wrong = mismatch(answer, expected)
  if (wrong) return { state: "mismatch", reason: wrong }

  const purchases = answer.operations.filter((op) => PURCHASE_TYPES.has(op.type))
  const success = purchases.find(isSuccessfulPurchase)
  if (success?.type === "PREAUTH") return classifyHold(answer, success, expected, now, expiryGraceMs)
  if (success) {
    if (success.coinAmount != null && success.coinAmount !== expected.coinAmount) {
      return { state: "mismatch", reason: `the payment is for ${success.coinAmount} kopecks, the order for ${expected.coinAmount}` }
    }
    if (success.transactionCurrency && success.transactionCurrency !== expected.currencyNumeric) {
      return { state: "mismatch", reason: `the payment is in currency ${success.transactionCurrency}, not ${expected.currencyNumeric}` }
    }
    return { state: "captured", purchase: success }
  }
  const expiresAt = parseBankDate(answer.expiredOrderDate)
  // the bank may still finish an attempt begun just before the link expired: wait a grace period
  const expiredForGood = expiresAt !== undefined && expiresAt + expiryGraceMs <= now
  if (purchases.some((op) => IN_PROGRESS.has(op.status))) {
    return expiredForGood ? { state: "expired", reason: "the payment was never completed before the link expired" } : { state: "in_progress" }
  }

  const lastFailure = [...purchases].reverse().find((op) => FAILED.has(op.status))
  if (answer.orderStatus === "FAIL" || lastFailure) {
    const info = lastFailure?.transactionResponseInfo
    const why = [info?.description, lastFailure?.errorDetails].filter(Boolean).join("; ")
    return { state: "failed", reason: why ? `the bank declined the payment: ${why}` : "the bank declined the payment" }
  }
  if (answer.orderStatus === "CANCELED" || expiredForGood) {
    return { state: "expired", reason: "the payment link expired before the shopper paid" }
  }
  return { state: "pending" }
}

/**
 * A hold (PREAUTH) the shopper's card gave: captured once its COMPLETION succeeded (the amount may
 * differ from the hold within the bank's 80–120 %), released by the bank at its preAuthExpDate.
 */
function classifyHold(answer: BankOrderStatus, hold: BankOperation, expected: Expected, now: number, expiryGraceMs: number): Classification {
  if (hold.coinAmount != null && hold.coinAmount !== expected.coinAmount) {
    return { state: "mismatch", reason: `the hold is for ${hold.coinAmount} kopecks, the order for ${expected.coinAmount}` }
  }
  const completion = answer.operations.find((op) => op.type === "COMPLETION" && approved(op) && (!op.preauthOperationId || op.preauthOperationId === hold.operationId))
  if (completion) return { state: "captured", purchase: completion, hold }
  const releasedAt = holdExpiryOf(hold)
  if (releasedAt !== undefined && releasedAt + expiryGraceMs <= now) {
    return { state: "expired", hold, reason: "the card hold expired before it was captured; the bank released the money to the shopper" }
  }
  return { state: "authorized", hold }
}

/** The hold's preAuthExpDate as epoch ms, when the bank's answer carries it. */
export function holdExpiryOf(hold: BankOperation): number | undefined {
  const text = (hold as { preAuthExpDate?: unknown }).preAuthExpDate
  return typeof text === "string" ? parseBankDate(text) : undefined
}
