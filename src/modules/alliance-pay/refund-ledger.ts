import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AlliancePayError, fromKopecks, type AlliancePayClient } from "../../core/bank"
import { OPEN_REFUND_STATES, onlineRefundUnavailable, refundableKopecks, refundsByRequestId, refundState, type RefundState } from "../../core/bank-state"
import { refundLockKey } from "./advisory-lock"
import { RefundOutcomeUnknownError, RefundRefusedError } from "./refund-errors"
import type AlliancePayModuleService from "./service"
import type { BankOrderRecord, BankRefundRecord } from "./types"

/** Bank amounts come back from numeric columns as numbers or text: kopecks as a number, exactly. */
export const kopecksOfRecord = (value: unknown): number => Number(value)

/** What the bank took: the COMPLETION's amount for a completed hold (it may differ from the hold), else the order's. */
export const paidKopecksOf = (order: Pick<BankOrderRecord, "coin_amount" | "captured_coin_amount">): number =>
  kopecksOfRecord(order.captured_coin_amount ?? order.coin_amount)

/** A refund the bank has not confirmed and does not list is given up on after this long. */
const REFUND_NOT_AT_BANK_AFTER_MS = 2 * 60_000

export interface RefundLedgerDeps {
  service: Pick<AlliancePayModuleService, "retrieveBankOrder" | "listBankRefunds" | "createBankRefunds" | "updateBankRefunds" | "retrieveBankRefund">
  pg: () => Knex
  bank: () => AlliancePayClient
  lock: <T>(key: string, fn: () => Promise<T>) => Promise<T>
  /** the reconciler re-reads this bank order soon */
  recheckSoon: (bankOrderId: string) => Promise<void>
}

/**
 * The refunds of every bank order, whichever path asks (Medusa's Refund button, credit memos,
 * the orphan refund): one refundable amount checked under one lock, a refund sent to the bank
 * at most once, offline refunds and late bank confirmations armed for Medusa to record.
 */
export class RefundLedger {
  readonly #d: RefundLedgerDeps

  constructor(deps: RefundLedgerDeps) {
    this.#d = deps
  }

  /** Kopecks still refundable on a bank order: paid minus every refund that holds money, online or offline. */
  async refundableOf(bankOrderId: string): Promise<number> {
    const order = await this.#d.service.retrieveBankOrder(bankOrderId)
    if (order.state !== "captured") return 0
    return refundableKopecks(paidKopecksOf(order), await this.#d.service.listBankRefunds({ bank_order_id: order.id }))
  }

  /** Runs `fn` holding the lock under which a bank order's refundable amount is checked and used. */
  withRefundLock<T>(bankOrderId: string, fn: () => Promise<T>): Promise<T> {
    return this.#d.lock(refundLockKey(bankOrderId), fn)
  }

  /**
   * Asks the bank to refund part of a captured bank order. The check of what is left (bank
   * refunds made, pending or of unknown outcome, and offline refunds) and the insert of our
   * request happen under one lock, so no two paths can together exceed what was paid. A refund
   * the bank refuses is recorded as failed and thrown; one whose answer is lost stays "unknown",
   * reserved, and is settled by re-reading the bank, never sent again.
   *
   * A refund armed for Medusa to record (see armOfflineRefund / armMedusaRecord) is consumed here
   * instead, without a bank call: that is how Medusa's own refund records stay complete.
   */
  async requestRefund(input: {
    bankOrderId: string
    coinAmount: number
    refundId?: string
    paymentId?: string
    notificationUrl?: string
    notificationEncryption?: boolean
    note?: string
  }): Promise<BankRefundRecord> {
    if (input.refundId) {
      const [existing] = await this.#d.service.listBankRefunds({ refund_id: input.refundId }, { take: 1 })
      if (existing) return existing
    }
    const order = await this.#d.service.retrieveBankOrder(input.bankOrderId)
    const refund = await this.withRefundLock(order.id, async () => {
      const armed = input.refundId ? await this.#consumeArmed(order.id, input.coinAmount, input.refundId) : null
      if (armed) return { armed, created: undefined }
      // an offline refund (armed above) is only recorded; a bank refund must be one the bank can make
      const noOnlineRefund = onlineRefundUnavailable(order)
      if (noOnlineRefund) throw new RefundRefusedError(`bank order ${order.hpp_order_id}: ${noOnlineRefund}`)
      if (order.state !== "captured" || !order.purchase_operation_id || !order.hpp_order_id) {
        throw new RefundRefusedError(`bank order ${order.hpp_order_id ?? order.id} is not paid (${order.state}); nothing to refund`)
      }
      const refunds = await this.#d.service.listBankRefunds({ bank_order_id: order.id })
      this.#refuseAboveRefundable(order, refunds, input.coinAmount)
      return {
        armed: undefined,
        created: await this.#d.service.createBankRefunds({
          merchant_request_id: randomUUID(),
          hpp_order_id: order.hpp_order_id!,
          bank_order_id: order.id,
          refund_id: input.refundId ?? null,
          payment_id: input.paymentId ?? null,
          coin_amount: input.coinAmount,
          kind: "bank",
          state: "requested",
          note: input.note ?? null,
        }),
      }
    })
    if (refund.armed) return refund.armed
    return this.#sendRefund(order, refund.created!, input)
  }

  async #sendRefund(
    order: BankOrderRecord,
    refund: BankRefundRecord,
    input: { coinAmount: number; notificationUrl?: string; notificationEncryption?: boolean }
  ): Promise<BankRefundRecord> {
    try {
      const op = await this.#d.bank().refund({
        merchantRequestId: refund.merchant_request_id,
        operationId: order.purchase_operation_id!,
        coinAmount: input.coinAmount,
        notificationUrl: input.notificationUrl,
        notificationEncryption: input.notificationEncryption,
        merchantComment: `Refund of ${order.hpp_order_id}`,
      })
      return await this.#recordRefundAnswer(refund, refundState(op), op.ecomOperationId, op.errorDetails)
    } catch (e) {
      // Medusa drops its refund when this throws: ours must not point at it any more
      if (!outcomeUnknown(e)) {
        await this.#d.service.updateBankRefunds({ id: refund.id, state: "failed", refund_id: null, error_details: describeError(e) })
        throw e
      }
      // the bank may or may not have done it: ask by our own request id, never send it again
      try {
        const op = await this.#d.bank().getOperationByMerchantRequestId(refund.merchant_request_id)
        return await this.#recordRefundAnswer(refund, refundState(op), op.ecomOperationId, op.errorDetails)
      } catch {
        await this.#d.service.updateBankRefunds({ id: refund.id, state: "unknown", refund_id: null, error_details: describeError(e) })
        await this.#d.recheckSoon(refund.bank_order_id)
        const amount = `${fromKopecks(input.coinAmount)} ${order.currency_code.toUpperCase()}`
        throw new RefundOutcomeUnknownError(
          `the bank did not confirm the refund of ${amount} (${describeError(e)}); it may have been made. It stays reserved and is settled by asking the bank (Check Payment Status, or the reconciler within minutes); it will not be sent again, so do not refund it another way`
        )
      }
    }
  }

  /**
   * Refuses a refund above what is left, and any refund while another one's outcome is unknown:
   * a merchant who retries a refund whose answer was lost must not send the same money twice.
   */
  #refuseAboveRefundable(order: BankOrderRecord, refunds: BankRefundRecord[], coinAmount: number) {
    const currency = order.currency_code.toUpperCase()
    const money = (kopecks: unknown) => `${fromKopecks(kopecksOfRecord(kopecks))} ${currency}`
    const unknown = refunds.filter((r) => r.state === "unknown")
    if (unknown.length) {
      throw new RefundRefusedError(
        `the outcome of the refund of ${unknown.map((r) => money(r.coin_amount)).join(", ")} is not known yet (the bank's answer was lost); it may have been made. Press Check Payment Status to settle it with the bank before refunding again`
      )
    }
    const left = refundableKopecks(paidKopecksOf(order), refunds)
    if (coinAmount <= left) return
    throw new RefundRefusedError(
      `only ${money(left)} can still be refunded on this payment (paid and not yet refunded); ${money(coinAmount)} were asked`
    )
  }

  /** Takes the refund armed for Medusa's record of this amount, if any: Medusa's refund id is linked to it. */
  async #consumeArmed(bankOrderId: string, coinAmount: number, refundId: string): Promise<BankRefundRecord | null> {
    const { rows } = await this.#d.pg().raw(
      `update alliancepay_bank_refund set awaiting_medusa = false, refund_id = ?, updated_at = now()
        where id = (select id from alliancepay_bank_refund
                     where bank_order_id = ? and awaiting_medusa and coin_amount = ? and deleted_at is null
                     order by created_at limit 1)
        returning id`,
      [refundId, bankOrderId, coinAmount]
    )
    return rows[0] ? this.#d.service.retrieveBankRefund(rows[0].id) : null
  }

  /**
   * Reserves an offline refund (the money goes back another way) and arms it for Medusa's record:
   * the caller then runs Medusa's refund workflow while still holding withRefundLock, so that
   * Medusa's refund is this one and no other request can take it.
   */
  async armOfflineRefund(input: { bankOrderId: string; coinAmount: number; creditMemoId: string; paymentId: string }): Promise<BankRefundRecord> {
    return this.withRefundLock(input.bankOrderId, async () => {
      const order = await this.#d.service.retrieveBankOrder(input.bankOrderId)
      if (order.state !== "captured" || !order.hpp_order_id) {
        throw new RefundRefusedError(`bank order ${order.hpp_order_id ?? order.id} is not paid (${order.state}); nothing to refund`)
      }
      this.#refuseAboveRefundable(order, await this.#d.service.listBankRefunds({ bank_order_id: order.id }), input.coinAmount)
      return this.#d.service.createBankRefunds({
        merchant_request_id: randomUUID(),
        hpp_order_id: order.hpp_order_id,
        bank_order_id: order.id,
        payment_id: input.paymentId,
        credit_memo_id: input.creditMemoId,
        coin_amount: input.coinAmount,
        kind: "offline",
        state: "recorded",
        awaiting_medusa: true,
      })
    })
  }

  /** Arms a bank refund that Medusa has no record of (its first answer was lost) for Medusa to record now. */
  async armMedusaRecord(bankRefundId: string): Promise<boolean> {
    const count = await this.#d.pg()("alliancepay_bank_refund")
      .where({ id: bankRefundId, kind: "bank", awaiting_medusa: false })
      .whereNull("refund_id")
      .whereIn("state", ["succeeded", "pending"])
      .update({ awaiting_medusa: true, updated_at: new Date() })
    return count > 0
  }

  /** Medusa did not record an armed refund (its workflow failed): an offline one is void, a bank one stays as it was. */
  async disarm(bankRefundId: string, error: string): Promise<void> {
    const now = new Date()
    await this.#d.pg()("alliancepay_bank_refund")
      .where({ id: bankRefundId, awaiting_medusa: true })
      .update({
        awaiting_medusa: false,
        updated_at: now,
        state: this.#d.pg().raw(`case when kind = 'offline' then 'failed' else state end`),
        error_details: this.#d.pg().raw(`case when kind = 'offline' then ? else error_details end`, [error.slice(0, 500)]),
      })
  }

  async #recordRefundAnswer(refund: BankRefundRecord, state: RefundState, ecomOperationId?: string | null, errorDetails?: string | null) {
    if (state === "pending") await this.#d.recheckSoon(refund.bank_order_id)
    return this.#d.service.updateBankRefunds({
      id: refund.id,
      state,
      // declined at once: the provider throws, and Medusa drops the refund it had created
      ...(state === "failed" ? { refund_id: null } : {}),
      ecom_operation_id: ecomOperationId ?? null,
      error_details: errorDetails ?? null,
      last_synced_at: new Date(),
    })
  }

  async syncRefunds(record: BankOrderRecord, state: string, operations: Parameters<typeof refundsByRequestId>[0]) {
    const changes: { id: string; from: string; to: string }[] = []
    // only paid orders can have refunds: spare the reconciler a query per open order
    if (state !== "captured" && !operations.some((op) => op.type === "REFUND")) return { changes, open: false }
    const ours = (await this.#d.service.listBankRefunds({ bank_order_id: record.id, kind: "bank" })).filter((r) => r.state !== "failed" || !r.ecom_operation_id)
    const seen = refundsByRequestId(operations)
    let open = false
    for (const refund of ours) {
      const op = seen.get(refund.merchant_request_id)
      if (!op) {
        if (!OPEN_REFUND_STATES.has(refund.state)) continue
        // the bank lists every refund of the order: one it still does not know after a while was never made
        if (Date.now() - new Date(refund.created_at).getTime() > REFUND_NOT_AT_BANK_AFTER_MS) {
          await this.#d.service.updateBankRefunds({ id: refund.id, state: "failed", error_details: "the bank has no record of this refund: it was not made", last_synced_at: new Date() })
          changes.push({ id: refund.id, from: refund.state, to: "failed" })
        } else {
          open = true
        }
        continue
      }
      const to = refundState(op)
      open ||= to === "pending"
      if (to === refund.state && (op.ecomOperationId ?? null) === refund.ecom_operation_id) continue
      await this.#d.service.updateBankRefunds({
        id: refund.id,
        state: to,
        ecom_operation_id: op.ecomOperationId ?? refund.ecom_operation_id,
        error_details: op.errorDetails ?? refund.error_details,
        last_synced_at: new Date(),
      })
      if (to !== refund.state) changes.push({ id: refund.id, from: refund.state, to })
    }
    return { changes, open }
  }

  /** Refunds of this bank order whose outcome is not known yet: only the bank can settle them. */
  async hasOpenRefunds(bankOrderId: string): Promise<boolean> {
    const [open] = await this.#d.service.listBankRefunds({ bank_order_id: bankOrderId, state: [...OPEN_REFUND_STATES] as BankRefundRecord["state"][] }, { take: 1 })
    return !!open
  }
}

/** No answer, a 5xx or an unreadable one: the bank may have acted. Only a clear refusal is final. */
function outcomeUnknown(e: unknown): boolean {
  if (!(e instanceof AlliancePayError)) return true
  if (e.kind === "timeout" || e.kind === "transient" || e.kind === "protocol") return true
  return e.httpStatus !== undefined && e.httpStatus >= 500
}

function describeError(e: unknown): string {
  if (e instanceof AlliancePayError) return `${e.msgCode}: ${e.msgText}`
  return e instanceof Error ? e.message : String(e)
}
