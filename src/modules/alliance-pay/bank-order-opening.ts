import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AlliancePayError, parseBankDate, type AlliancePayClient } from "../../core/bank"
import { recheckDelayMs } from "../../core/bank-state"
import { claimSessionRow, insertBankOrder, writeBankOrder } from "./bank-order-writes"
import type { BankOrderRecord, OpenBankOrderInput } from "./types"

export type SessionBankOrderInput = Pick<OpenBankOrderInput, "providerId" | "paymentSessionId" | "coinAmount" | "currency" | "hppPayType" | "preAuthExpDate">

export interface OpeningDeps {
  pg: Knex
  bank: AlliancePayClient
  /** the reconciler's schedule: when a new bank order is first re-read */
  recheckAfterMs: readonly number[]
}

/**
 * The payment session's bank order for this amount, in one statement: the one it already has at the bank (a retry,
 * `reused`), else a new row in `creating` for openBankOrder to send.
 */
export function claimSessionBankOrder(pg: Knex, input: SessionBankOrderInput) {
  return claimSessionRow(pg, {
    merchant_request_id: randomUUID(),
    provider_id: input.providerId,
    payment_session_id: input.paymentSessionId,
    coin_amount: input.coinAmount,
    currency_code: input.currency.toLowerCase(),
    hold_expires_at: holdExpiresAt(input),
  })
}

/**
 * Creates the bank order, recording our request before the bank is called: in the `claimed` row (from
 * claimSessionBankOrder), else in a new one. Each write is one statement: this is the shopper's path to the bank.
 */
export async function openBankOrder(deps: OpeningDeps, { claimed, ...input }: OpenBankOrderInput & { claimed?: BankOrderRecord }): Promise<BankOrderRecord> {
  const { providerId, paymentSessionId, cartId, currency, ...order } = input
  const record =
    claimed ??
    (await insertBankOrder(deps.pg, {
      merchant_request_id: randomUUID(),
      provider_id: providerId,
      payment_session_id: paymentSessionId,
      cart_id: cartId ?? null,
      coin_amount: order.coinAmount,
      currency_code: currency.toLowerCase(),
      hold_expires_at: holdExpiresAt(input),
    }))
  try {
    const created = await deps.bank.createOrder({ ...order, merchantRequestId: record.merchant_request_id })
    const expiresAt = parseBankDate(created.expiredOrderDate)
    const opened = await writeBankOrder(
      deps.pg,
      record,
      {
        cart_id: cartId ?? null,
        // as finally sent (a subclass such as A2A may have replaced the pay type since the claim)
        hold_expires_at: holdExpiresAt(input),
        hpp_order_id: created.hppOrderId,
        state: "pending",
        bank_status: created.orderStatus,
        redirect_url: created.redirectUrl,
        status_url: created.statusUrl ?? null,
        nbu_qr_url: created.nbuQrCode ?? null,
        expires_at: expiresAt ? new Date(expiresAt) : null,
        last_synced_at: new Date(),
        next_check_at: new Date(Date.now() + recheckDelayMs(0, deps.recheckAfterMs)),
      },
      // the bank order now exists: record it whatever happened to the row meanwhile
      { onlyIfUnchanged: false }
    )
    return opened!
  } catch (e) {
    await writeBankOrder(deps.pg, record, { cart_id: cartId ?? null, state: "create_failed", failure_reason: describeError(e) }, { onlyIfUnchanged: false })
    throw e
  }
}

/** two-step: when the bank will release the hold, as we ask for it (the bank's answers may say it again) */
function holdExpiresAt(order: Pick<OpenBankOrderInput, "hppPayType" | "preAuthExpDate">): Date | null {
  return order.hppPayType === "PREAUTH" ? (order.preAuthExpDate ?? null) : null
}

function describeError(e: unknown): string {
  if (e instanceof AlliancePayError) return `${e.msgCode}: ${e.msgText}`
  return e instanceof Error ? e.message : String(e)
}
