import { randomUUID } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { AlliancePayError, fromKopecks, type AlliancePayClient } from "../../core/bank"
import { completionBounds } from "../../core/bank-state"
import type { HistoryEntry } from "./history"
import { kopecksOfRecord } from "./refund-ledger"
import type { BankOrderRecord } from "./types"

export interface CompleteHoldInput {
  bankOrderId: string
  /** kopecks to take from the hold */
  coinAmount: number
  notificationUrl?: string
  notificationEncryption?: boolean
  /** who pressed Capture (admin user id), for the history */
  by?: string | null
}

export interface CompleteHoldDeps {
  retrieve: (id: string) => Promise<BankOrderRecord>
  bank: () => AlliancePayClient
  sync: (record: BankOrderRecord) => Promise<BankOrderRecord>
  lock: <T>(key: string, fn: () => Promise<T>) => Promise<T>
  addHistory: (id: string, entry: Omit<HistoryEntry, "at">) => Promise<BankOrderRecord>
  logger: Logger
}

const refused = (message: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, `Alliance Pay: ${message}`)

/**
 * The admin's Capture of a held payment: one COMPLETION at the bank. Everything the bank would
 * refuse is refused here first, before any call (nothing changes at the bank or in Medusa, which
 * deletes its capture when the provider throws). The bank completes a hold once: a second Capture
 * is refused, naming what the first one took. One completion at a time per bank order.
 */
export function completeHold(deps: CompleteHoldDeps, input: CompleteHoldInput): Promise<BankOrderRecord> {
  return deps.lock(`alliancepay:hold:${input.bankOrderId}`, async () => {
    const record = await deps.retrieve(input.bankOrderId)
    const currency = record.currency_code.toUpperCase()
    const money = (kopecks: number) => `${fromKopecks(kopecks)} ${currency}`
    if (record.state === "captured") {
      const taken = kopecksOfRecord(record.captured_coin_amount ?? record.coin_amount)
      throw refused(
        `the bank completes a card hold once, and this one was already captured for ${money(taken)} (bank order ${record.hpp_order_id}); the rest of the hold went back to the shopper. Nothing more can be captured`
      )
    }
    if (record.state !== "authorized" || !record.hold_operation_id) {
      throw refused(`bank order ${record.hpp_order_id} holds no money that can be captured (${record.state})`)
    }
    if (record.hold_expires_at && new Date(record.hold_expires_at).getTime() <= Date.now()) {
      throw refused(`the card hold expired on ${new Date(record.hold_expires_at).toISOString()}; the bank has released the money. Ask the customer to pay again`)
    }
    const held = kopecksOfRecord(record.coin_amount)
    const { min, max } = completionBounds(held)
    if (input.coinAmount < min || input.coinAmount > max) {
      throw refused(
        `the bank captures between ${money(min)} and ${money(max)} of this ${money(held)} hold (80–120 %), once; ${money(input.coinAmount)} were asked. Capture at least ${money(min)}, or cancel the payment`
      )
    }

    let answer
    try {
      answer = await deps.bank().complete({
        merchantRequestId: randomUUID(),
        originalOperationId: record.hold_operation_id,
        coinAmount: input.coinAmount,
        notificationUrl: input.notificationUrl,
        notificationEncryption: input.notificationEncryption,
        merchantComment: `Capture of ${record.hpp_order_id}`,
      })
    } catch (e) {
      // refused credentials: nothing was done; the provider words it as for any bank call
      if (e instanceof AlliancePayError && (e.kind === "session" || e.kind === "config")) throw e
      if (e instanceof AlliancePayError && (e.kind === "business" || e.kind === "request")) {
        deps.logger.warn(`Alliance Pay: the bank refused to capture bank order ${record.hpp_order_id}: ${e.msgCode} ${e.msgText}`)
        throw refused(`the bank refused the capture of ${money(input.coinAmount)}: ${e.msgText.replace(/^@/, "")} (${e.msgCode})`)
      }
      // the answer was lost: the bank may have completed the hold; only a re-read tells
      const reread = await deps.sync(record).catch(() => record)
      if (reread.state === "captured") return noted(deps, reread, input)
      throw new MedusaError(
        MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
        `Alliance Pay did not answer the capture of ${money(input.coinAmount)} (${(e as Error).message}); it may have been made. Press Check Payment Status on the order before capturing again`
      )
    }
    if (answer.status === "FAIL") {
      const why = [answer.transactionResponseInfo?.description, answer.errorDetails].filter(Boolean).join("; ")
      throw refused(`the bank declined the capture of ${money(input.coinAmount)}${why ? `: ${why}` : ""}`)
    }
    const synced = await deps.sync(record)
    if (synced.state !== "captured") {
      throw new MedusaError(
        MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
        `Alliance Pay is still processing the capture of ${money(input.coinAmount)} (${answer.status}); press Check Payment Status on the order in a minute`
      )
    }
    return noted(deps, synced, input)
  })
}

async function noted(deps: CompleteHoldDeps, record: BankOrderRecord, input: CompleteHoldInput): Promise<BankOrderRecord> {
  const taken = kopecksOfRecord(record.captured_coin_amount ?? input.coinAmount)
  return deps.addHistory(record.id, {
    by: input.by ?? null,
    action: "hold_completed",
    note: `captured ${fromKopecks(taken)} ${record.currency_code.toUpperCase()} of the ${fromKopecks(kopecksOfRecord(record.coin_amount))} hold`,
  })
}
