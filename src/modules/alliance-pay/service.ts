import { randomUUID } from "node:crypto"
import { ContainerRegistrationKeys, MedusaError, MedusaService, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IEventBusModuleService, Logger } from "@medusajs/framework/types"
import { AlliancePayClient, AlliancePayError, fromKopecks, parseBankDate, type CreateOrderInput, type SessionStore } from "../../lib/alliance-pay"
import {
  classifyBankOrder,
  nextCheckAt,
  OPEN_REFUND_STATES,
  recheckDelayMs,
  refundableKopecks,
  refundsByRequestId,
  refundState,
  type BankOrderState,
} from "../../lib/bank-state"
import { LockTimeoutError, refundLockKey, withAdvisoryLock } from "./advisory-lock"
import { connectionStatusOf, type ConnectionStatus } from "./connection-status"
import { DatabaseSessionStore, deviceSessionId, type DeviceSessionPersistence } from "./device-session-store"
import { AlliancePayEvents } from "./events"
import { withEntry, type HistoryEntry } from "./history"
import { BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession } from "./models"
import { summariseOperation } from "./operation-summary"
import { missingCredentials, parseModuleOptions, parseModuleSettings, type ModuleOptions, type ModuleSettings } from "./options"
import { readWhenNeeded } from "./read-throttle"
import { countNeedingAttention, listPayments, type PaymentsFilter } from "./payments-query"
import { RefundOutcomeUnknownError, RefundRefusedError } from "./refund-errors"
import { SessionSealer } from "./session-sealing"
import type { BankOrderRecord, BankRefundRecord } from "./types"

export { LockTimeoutError, RefundOutcomeUnknownError, RefundRefusedError }

type Cradle = Record<string, unknown>

export interface OpenBankOrderInput extends Omit<CreateOrderInput, "merchantRequestId" | "currencyCode"> {
  providerId: string
  paymentSessionId: string
  cartId?: string
  /** Medusa's currency code ("uah") */
  currency: string
}

export interface SyncResult {
  record: BankOrderRecord
  previous: BankOrderRecord["state"]
  state: BankOrderRecord["state"]
  changed: boolean
  /** refunds whose state this sync changed */
  refunds: { id: string; from: string; to: string }[]
  reason?: string
}

/** Bank amounts come back from numeric columns as numbers or text: kopecks as a number, exactly. */
export const kopecksOfRecord = (value: unknown): number => Number(value)

/** A refund the bank has not confirmed and does not list is given up on after this long. */
const REFUND_NOT_AT_BANK_AFTER_MS = 2 * 60_000

const CURRENCY_NUMERIC: Record<string, string> = { uah: "980", usd: "840", eur: "978" }

export default class AlliancePayModuleService extends MedusaService({ BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession }) {
  // Medusa's types pluralise CreditMemo as "CreditMemoes"; the methods generated at run time are …CreditMemos
  declare listCreditMemos: AlliancePayModuleService["listCreditMemoes"]
  declare createCreditMemos: AlliancePayModuleService["createCreditMemoes"]
  declare updateCreditMemos: AlliancePayModuleService["updateCreditMemoes"]
  declare deleteCreditMemos: AlliancePayModuleService["deleteCreditMemoes"]

  readonly #cradle: Cradle
  readonly #settings: ModuleSettings
  #checkedOptions?: ModuleOptions
  #client?: AlliancePayClient

  constructor(cradle: Cradle, options: unknown, ...rest: unknown[]) {
    super(cradle, options, ...rest)
    this.#cradle = cradle
    // wrong options stop the boot; missing credentials wait for the bank's first use, so that
    // `medusa db:migrate` (which loads this module) runs in a deploy pipeline without secrets
    this.#settings = parseModuleSettings(options)
    const missing = missingCredentials(this.#settings)
    if (missing.length) {
      this.#logger.warn(`Alliance Pay: ${missing.join(", ")} not set: payments and the admin's bank actions are refused until they are`)
    }
  }

  /** The options with the credentials, required from the bank's first use on: a clear refusal names what is missing. */
  get #options(): ModuleOptions {
    if (this.#checkedOptions) return this.#checkedOptions
    try {
      this.#checkedOptions = parseModuleOptions(this.#settings)
    } catch (e) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, (e as Error).message)
    }
    return this.#checkedOptions
  }

  get #logger(): Logger {
    return this.#cradle[ContainerRegistrationKeys.LOGGER] as Logger
  }

  get merchantId(): string {
    return this.#options.merchantId
  }

  /** The validated module options, without the key (for jobs and routes). */
  get settings(): Omit<ModuleSettings, "merchantPrivateKey"> {
    const { merchantPrivateKey: _secret, ...rest } = this.#settings
    return rest
  }

  /** The bank client, sharing its device session with every process through the database. */
  get bank(): AlliancePayClient {
    this.#client ??= new AlliancePayClient({
      baseUrl: this.#options.apiUrl,
      serviceCode: this.#options.serviceCode,
      merchantId: this.#options.merchantId,
      merchantPrivateKey: this.#options.merchantPrivateKey,
      timeoutMs: this.#options.timeoutMs,
      authorizeTimeoutMs: this.#options.authorizeTimeoutMs,
      sessionStore: this.deviceSessionStore(this.#options.serviceCode),
      logger: {
        info: (m) => this.#logger.info(m),
        warn: (m) => this.#logger.warn(m),
        error: (m) => this.#logger.error(m),
      },
    })
    return this.#client
  }

  /** Creates the bank order, recording our request before the bank is called. */
  async openBankOrder(input: OpenBankOrderInput): Promise<BankOrderRecord> {
    const { providerId, paymentSessionId, cartId, currency, ...order } = input
    const merchantRequestId = randomUUID()
    const record = await this.createBankOrders({
      merchant_request_id: merchantRequestId,
      provider_id: providerId,
      payment_session_id: paymentSessionId,
      cart_id: cartId ?? null,
      coin_amount: order.coinAmount,
      currency_code: currency.toLowerCase(),
      state: "creating",
    })
    try {
      const created = await this.bank.createOrder({ ...order, merchantRequestId })
      const expiresAt = parseBankDate(created.expiredOrderDate)
      // on the shopper's path to the bank: one statement, as for the reconciler's writes
      const opened = await this.#writeBankOrder(
        record,
        {
          hpp_order_id: created.hppOrderId,
          state: "pending",
          bank_status: created.orderStatus,
          redirect_url: created.redirectUrl,
          status_url: created.statusUrl ?? null,
          expires_at: expiresAt ? new Date(expiresAt) : null,
          last_synced_at: new Date(),
          next_check_at: new Date(Date.now() + recheckDelayMs(0, this.#options.reconcile.recheckAfterMs)),
        },
        // the bank order now exists: record it whatever happened to the row meanwhile
        { onlyIfUnchanged: false }
      )
      return opened!
    } catch (e) {
      await this.updateBankOrders({ id: record.id, state: "create_failed", failure_reason: describeError(e) })
      throw e
    }
  }

  /**
   * Re-reads one bank order from the bank and records what it says. The single source of
   * truth for callbacks, the provider, Check Payment Status and the reconciler.
   */
  async syncBankOrder(idOrRecord: string | BankOrderRecord): Promise<SyncResult> {
    const record = typeof idOrRecord === "string" ? await this.retrieveBankOrder(idOrRecord) : idOrRecord
    if (!record.hpp_order_id || record.state === "creating" || record.state === "create_failed") {
      return { record, previous: record.state, state: record.state, changed: false, refunds: [] }
    }
    const answer = await this.bank.getOrder(record.hpp_order_id)
    const classified = classifyBankOrder(
      answer,
      {
        merchantId: this.#options.merchantId,
        merchantRequestId: record.merchant_request_id,
        coinAmount: kopecksOfRecord(record.coin_amount),
        currencyNumeric: CURRENCY_NUMERIC[record.currency_code] ?? record.currency_code,
      },
      Date.now(),
      this.#options.expiryGraceMs
    )
    const state = this.#nextState(record, classified.state, classified.reason)
    const { changes: refunds, open: openRefunds } = await this.#syncRefunds(record, state, answer.operations)
    const expiresAt = parseBankDate(answer.expiredOrderDate)
    const checkCount = (record.check_count ?? 0) + 1
    const now = Date.now()
    const fields: Partial<BankOrderRecord> = {
      state,
      bank_status: answer.orderStatus,
      operations: answer.operations.map(summariseOperation) as unknown as Record<string, unknown>,
      purchase_operation_id: classified.purchase?.operationId ?? record.purchase_operation_id,
      failure_reason: state === record.state ? record.failure_reason : (classified.reason ?? null),
      expires_at: expiresAt ? new Date(expiresAt) : record.expires_at,
      last_synced_at: new Date(now),
      check_count: checkCount,
    }
    const schedule = this.#options.reconcile.recheckAfterMs
    let next = nextCheckAt({ state, checkCount, openRefunds, now, schedule })
    if (state === "captured" && record.state !== "captured") {
      if (record.detached_at) Object.assign(fields, this.#orphanFields(record, now))
      // once soon: the reconciler confirms that Medusa carries the payment (no bank call needed)
      next = earliest(next, new Date(now + recheckDelayMs(0, schedule)))
    }
    const autoRefundAt = (fields.auto_refund_at ?? record.auto_refund_at) as Date | null
    if ((fields.attention ?? record.attention) === "paid_without_order" && autoRefundAt) next = earliest(next, new Date(autoRefundAt))
    fields.next_check_at = next
    const updated = await this.#writeBankOrder(record, fields)
    if (!updated) {
      // someone else moved this order while we asked the bank: theirs stands
      const current = await this.retrieveBankOrder(record.id)
      return { record: current, previous: current.state, state: current.state, changed: false, refunds }
    }
    const changed = state !== record.state
    if (changed || refunds.length) {
      await this.#emit(AlliancePayEvents.BANK_ORDER_UPDATED, {
        id: record.id,
        payment_session_id: record.payment_session_id,
        cart_id: record.cart_id,
        previous: record.state,
        state,
        reason: classified.reason ?? null,
        refunds,
      })
    }
    return { record: updated, previous: record.state, state, changed, refunds, reason: classified.reason }
  }

  /**
   * What a callback or a shopper's return asks: the bank order as the bank last said, read again
   * only when it can still change, at most once per readWindowMs across every process (see read-throttle.ts).
   */
  readBankOrderWhenNeeded(id: string): Promise<BankOrderRecord> {
    return readWhenNeeded(
      {
        pg: this.#pg,
        windowMs: this.#options.readWindowMs,
        waitMs: this.#options.readWindowMs + this.#options.timeoutMs + 5_000,
        retrieve: (orderId) => this.retrieveBankOrder(orderId),
        hasOpenRefunds: (orderId) => this.hasOpenRefunds(orderId),
        sync: async (record) => (await this.syncBankOrder(record)).record,
      },
      id
    )
  }

  /**
   * One UPDATE statement: the reconciler re-reads thousands of open orders, and the ORM's
   * load-assign-flush costs more CPU per order than the bank's answer takes to arrive.
   */
  async #writeBankOrder(
    record: BankOrderRecord,
    fields: Partial<BankOrderRecord>,
    { onlyIfUnchanged = true } = {}
  ): Promise<BankOrderRecord | null> {
    const updatedAt = new Date()
    const row: Record<string, unknown> = { ...fields, updated_at: updatedAt }
    if ("operations" in fields) row.operations = JSON.stringify(fields.operations ?? null)
    if ("history" in fields) row.history = JSON.stringify(fields.history ?? null)
    // only over the state we decided from: a concurrent change (e.g. the session's amount
    // changed and this order was detached) is never overwritten with an older reading
    const where = onlyIfUnchanged ? { id: record.id, state: record.state } : { id: record.id }
    const count = await this.#pg("alliancepay_bank_order").where(where).update(row)
    return count ? ({ ...record, ...fields, updated_at: updatedAt } as BankOrderRecord) : null
  }

  /**
   * The bank is the truth about money: a payment it confirms is captured whatever we had
   * concluded before (a late success after a decline or an expiry), and a captured payment never
   * un-happens. Only a mismatch (the bank order is not what we created) is never cleared.
   */
  #nextState(record: BankOrderRecord, seen: BankOrderState, reason?: string): BankOrderRecord["state"] {
    if (seen === "mismatch") {
      this.#logger.warn(`Alliance Pay SECURITY: bank order ${record.hpp_order_id} (${record.id}) does not match what we created: ${reason}`)
      return "mismatch"
    }
    if (record.state === "mismatch") return "mismatch"
    if (record.state === "captured") {
      if (seen !== "captured") this.#logger.warn(`Alliance Pay: bank order ${record.hpp_order_id} was paid but the bank now reads as ${seen}; keeping captured`)
      return "captured"
    }
    if (seen === "captured" && (record.state === "failed" || record.state === "expired")) {
      this.#logger.warn(`Alliance Pay: bank order ${record.hpp_order_id} was ${record.state} with us but the bank now says it is paid; following the bank`)
    }
    return seen
  }

  /** Paid at the bank, but Medusa no longer follows this bank order: money without an order. */
  #orphanFields(record: BankOrderRecord, now: number): Partial<BankOrderRecord> {
    const { enabled, afterMs } = this.#options.orphanRefund
    this.#logger.warn(
      `Alliance Pay: bank order ${record.hpp_order_id} was paid but no Medusa order carries it${enabled ? `; it will be refunded automatically in ${Math.round(afterMs / 60_000)} min unless resolved` : ""} (see Alliance Pay payments in the admin)`
    )
    return {
      attention: "paid_without_order",
      attention_at: new Date(now),
      auto_refund_at: enabled ? new Date(now + afterMs) : null,
      resolved_at: null,
      history: withEntry(record.history, { by: null, action: "paid_without_order" }, new Date(now)) as unknown as Record<string, unknown>,
    }
  }

  async #syncRefunds(record: BankOrderRecord, state: string, operations: Parameters<typeof refundsByRequestId>[0]) {
    const changes: { id: string; from: string; to: string }[] = []
    // only paid orders can have refunds: spare the reconciler a query per open order
    if (state !== "captured" && !operations.some((op) => op.type === "REFUND")) return { changes, open: false }
    const ours = (await this.listBankRefunds({ bank_order_id: record.id, kind: "bank" })).filter((r) => r.state !== "failed" || !r.ecom_operation_id)
    const seen = refundsByRequestId(operations)
    let open = false
    for (const refund of ours) {
      const op = seen.get(refund.merchant_request_id)
      if (!op) {
        if (!OPEN_REFUND_STATES.has(refund.state)) continue
        // the bank lists every refund of the order: one it still does not know after a while was never made
        if (Date.now() - new Date(refund.created_at).getTime() > REFUND_NOT_AT_BANK_AFTER_MS) {
          await this.updateBankRefunds({ id: refund.id, state: "failed", error_details: "the bank has no record of this refund: it was not made", last_synced_at: new Date() })
          changes.push({ id: refund.id, from: refund.state, to: "failed" })
        } else {
          open = true
        }
        continue
      }
      const to = refundState(op)
      open ||= to === "pending"
      if (to === refund.state && (op.ecomOperationId ?? null) === refund.ecom_operation_id) continue
      await this.updateBankRefunds({
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

  /**
   * Medusa's payment session moved on from this bank order; it is still followed until the bank
   * closes it. One the bank already says is paid becomes money without an order at once.
   */
  async detachBankOrder(id: string): Promise<void> {
    const record = await this.retrieveBankOrder(id)
    if (record.detached_at) return
    const now = Date.now()
    const fields: Partial<BankOrderRecord> = { detached_at: new Date(now) }
    if (record.state === "pending" || record.state === "in_progress") {
      // re-read on the usual schedule: if it is paid anyway, that is found and dealt with
      fields.next_check_at = new Date(now + recheckDelayMs(0, this.#options.reconcile.recheckAfterMs))
    } else if (record.state === "captured" && !record.attention) {
      Object.assign(fields, this.#orphanFields(record, now))
      fields.next_check_at = (fields.auto_refund_at as Date | null) ?? null
    }
    await this.#writeBankOrder(record, fields, { onlyIfUnchanged: false })
  }

  /** Kopecks still refundable on a bank order: paid minus every refund that holds money, online or offline. */
  async refundableOf(bankOrderId: string): Promise<number> {
    const order = await this.retrieveBankOrder(bankOrderId)
    if (order.state !== "captured") return 0
    return refundableKopecks(kopecksOfRecord(order.coin_amount), await this.listBankRefunds({ bank_order_id: order.id }))
  }

  /** Runs `fn` holding the lock under which a bank order's refundable amount is checked and used. */
  withRefundLock<T>(bankOrderId: string, fn: () => Promise<T>): Promise<T> {
    return this.withAdvisoryLock(refundLockKey(bankOrderId), fn)
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
      const [existing] = await this.listBankRefunds({ refund_id: input.refundId }, { take: 1 })
      if (existing) return existing
    }
    const order = await this.retrieveBankOrder(input.bankOrderId)
    const refund = await this.withRefundLock(order.id, async () => {
      const armed = input.refundId ? await this.#consumeArmed(order.id, input.coinAmount, input.refundId) : null
      if (armed) return { armed, created: undefined }
      if (order.state !== "captured" || !order.purchase_operation_id || !order.hpp_order_id) {
        throw new RefundRefusedError(`bank order ${order.hpp_order_id ?? order.id} is not paid (${order.state}); nothing to refund`)
      }
      const refunds = await this.listBankRefunds({ bank_order_id: order.id })
      this.#refuseAboveRefundable(order, refunds, input.coinAmount)
      return {
        armed: undefined,
        created: await this.createBankRefunds({
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
      const op = await this.bank.refund({
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
        await this.updateBankRefunds({ id: refund.id, state: "failed", refund_id: null, error_details: describeError(e) })
        throw e
      }
      // the bank may or may not have done it: ask by our own request id, never send it again
      try {
        const op = await this.bank.getOperationByMerchantRequestId(refund.merchant_request_id)
        return await this.#recordRefundAnswer(refund, refundState(op), op.ecomOperationId, op.errorDetails)
      } catch {
        await this.updateBankRefunds({ id: refund.id, state: "unknown", refund_id: null, error_details: describeError(e) })
        await this.#recheckSoon(refund.bank_order_id)
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
    const left = refundableKopecks(kopecksOfRecord(order.coin_amount), refunds)
    if (coinAmount <= left) return
    throw new RefundRefusedError(
      `only ${money(left)} can still be refunded on this payment (paid and not yet refunded); ${money(coinAmount)} were asked`
    )
  }

  /** Takes the refund armed for Medusa's record of this amount, if any: Medusa's refund id is linked to it. */
  async #consumeArmed(bankOrderId: string, coinAmount: number, refundId: string): Promise<BankRefundRecord | null> {
    const { rows } = await this.#pg.raw(
      `update alliancepay_bank_refund set awaiting_medusa = false, refund_id = ?, updated_at = now()
        where id = (select id from alliancepay_bank_refund
                     where bank_order_id = ? and awaiting_medusa and coin_amount = ? and deleted_at is null
                     order by created_at limit 1)
        returning id`,
      [refundId, bankOrderId, coinAmount]
    )
    return rows[0] ? this.retrieveBankRefund(rows[0].id) : null
  }

  /**
   * Reserves an offline refund (the money goes back another way) and arms it for Medusa's record:
   * the caller then runs Medusa's refund workflow while still holding withRefundLock, so that
   * Medusa's refund is this one and no other request can take it.
   */
  async armOfflineRefund(input: { bankOrderId: string; coinAmount: number; creditMemoId: string; paymentId: string }): Promise<BankRefundRecord> {
    return this.withRefundLock(input.bankOrderId, async () => {
      const order = await this.retrieveBankOrder(input.bankOrderId)
      if (order.state !== "captured" || !order.hpp_order_id) {
        throw new RefundRefusedError(`bank order ${order.hpp_order_id ?? order.id} is not paid (${order.state}); nothing to refund`)
      }
      this.#refuseAboveRefundable(order, await this.listBankRefunds({ bank_order_id: order.id }), input.coinAmount)
      return this.createBankRefunds({
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
    const count = await this.#pg("alliancepay_bank_refund")
      .where({ id: bankRefundId, kind: "bank", awaiting_medusa: false })
      .whereNull("refund_id")
      .whereIn("state", ["succeeded", "pending"])
      .update({ awaiting_medusa: true, updated_at: new Date() })
    return count > 0
  }

  /** Medusa did not record an armed refund (its workflow failed): an offline one is void, a bank one stays as it was. */
  async disarm(bankRefundId: string, error: string): Promise<void> {
    const now = new Date()
    await this.#pg("alliancepay_bank_refund")
      .where({ id: bankRefundId, awaiting_medusa: true })
      .update({
        awaiting_medusa: false,
        updated_at: now,
        state: this.#pg.raw(`case when kind = 'offline' then 'failed' else state end`),
        error_details: this.#pg.raw(`case when kind = 'offline' then ? else error_details end`, [error.slice(0, 500)]),
      })
  }

  async #recordRefundAnswer(refund: BankRefundRecord, state: string, ecomOperationId?: string | null, errorDetails?: string | null) {
    if (state === "pending") await this.#recheckSoon(refund.bank_order_id)
    return this.updateBankRefunds({
      id: refund.id,
      state: state as BankRefundRecord["state"],
      // declined at once: the provider throws, and Medusa drops the refund it had created
      ...(state === "failed" ? { refund_id: null } : {}),
      ecom_operation_id: ecomOperationId ?? null,
      error_details: errorDetails ?? null,
      last_synced_at: new Date(),
    })
  }

  /** Records what a human must look at, or that it is over; each change is kept in the order's history. */
  async setAttention(
    id: string,
    change: { attention: BankOrderRecord["attention"]; entry: Omit<HistoryEntry, "at">; autoRefundAt?: Date | null; resolved?: boolean }
  ): Promise<BankOrderRecord> {
    const record = await this.retrieveBankOrder(id)
    const now = new Date()
    const fields: Partial<BankOrderRecord> = {
      attention: change.attention,
      attention_at: change.attention ? (record.attention === change.attention ? record.attention_at : now) : record.attention_at,
      history: withEntry(record.history, change.entry, now) as unknown as Record<string, unknown>,
    }
    if (change.autoRefundAt !== undefined) fields.auto_refund_at = change.autoRefundAt
    if (change.resolved) fields.resolved_at = now
    return (await this.#writeBankOrder(record, fields, { onlyIfUnchanged: false }))!
  }

  /** The reconciler looks at this bank order again at `at` (e.g. when its orphan refund is due). */
  async recheckAt(id: string, at: Date): Promise<void> {
    await this.#pg("alliancepay_bank_order").where({ id }).update({ next_check_at: at, updated_at: new Date() })
  }

  /** Refunds of this bank order whose outcome is not known yet: only the bank can settle them. */
  async hasOpenRefunds(bankOrderId: string): Promise<boolean> {
    const [open] = await this.listBankRefunds({ bank_order_id: bankOrderId, state: [...OPEN_REFUND_STATES] as BankRefundRecord["state"][] }, { take: 1 })
    return !!open
  }

  /** The payments page: bank orders newest first, with why each needs attention. */
  listPaymentsPage(filter: PaymentsFilter) {
    return listPayments(this.#pg, this.#settings.expiryGraceMs, filter)
  }

  /** The "Needs attention" badge. */
  countNeedingAttention(): Promise<number> {
    return countNeedingAttention(this.#pg, this.#settings.expiryGraceMs)
  }

  /** The bank order needs nothing more from the reconciler (Medusa carries it, nothing is pending). */
  async settled(id: string): Promise<void> {
    await this.#pg("alliancepay_bank_order").where({ id }).update({ next_check_at: null, updated_at: new Date() })
  }

  /** The device connection for the admin: connected or not, when it expires, the last refusal. */
  async connectionStatus(): Promise<ConnectionStatus> {
    const [row] = await this.listDeviceSessions({ id: deviceSessionId(this.#options.serviceCode) }, { take: 1 })
    return connectionStatusOf(row, Date.now())
  }

  /**
   * "Authorize by virtual device" (a merchant's connection test): a new bank session now.
   * A refusal is recorded on the session row for the admin to read, and rethrown.
   */
  async authorizeConnection(): Promise<ConnectionStatus> {
    try {
      await this.bank.authorizeDevice()
    } catch (e) {
      await this.#recordConnectionError(describeError(e))
      throw e
    }
    return this.connectionStatus()
  }

  async #recordConnectionError(message: string) {
    const id = deviceSessionId(this.#options.serviceCode)
    const error = { id, last_error: message.slice(0, 500), last_error_at: new Date() }
    const [existing] = await this.listDeviceSessions({ id }, { take: 1 })
    if (existing) await this.updateDeviceSessions(error)
    else await this.createDeviceSessions(error)
  }

  async #recheckSoon(bankOrderId: string) {
    const delay = recheckDelayMs(0, this.#options.reconcile.recheckAfterMs)
    await this.updateBankOrders({ id: bankOrderId, check_count: 0, next_check_at: new Date(Date.now() + delay) })
  }

  /**
   * Claims up to `limit` bank orders that are due for a re-read, for `leaseMs`: several
   * workers running the reconciler at once each get different orders (SKIP LOCKED), and an
   * order whose worker died becomes due again when the lease ends.
   */
  async claimDueBankOrders(limit: number, leaseMs: number, dueBy: Date = new Date()): Promise<BankOrderRecord[]> {
    const { rows } = await this.#pg.raw(
      `with due as materialized (
         select id from alliancepay_bank_order
          where next_check_at <= ? and deleted_at is null and hpp_order_id is not null
          order by next_check_at
          limit ? for update skip locked)
       update alliancepay_bank_order o
          set next_check_at = now() + (? * interval '1 millisecond')
         from due where o.id = due.id
       returning o.*`,
      [dueBy, limit, leaseMs]
    )
    return (rows as BankOrderRecord[]).map((row) => ({ ...row, coin_amount: kopecksOfRecord(row.coin_amount) }))
  }

  /** The bank session store for one service code, shared by every process through this table. */
  deviceSessionStore(serviceCode: string): SessionStore {
    const persistence: DeviceSessionPersistence = {
      read: async (id) => (await this.listDeviceSessions({ id }, { take: 1 }))[0] ?? null,
      write: async (row) => {
        const existing = await this.listDeviceSessions({ id: row.id }, { take: 1 })
        const data = { ...row, last_error: null, last_error_at: null }
        if (existing.length) await this.updateDeviceSessions(data)
        else await this.createDeviceSessions(data)
      },
      withLock: (key, fn) => this.withAdvisoryLock(key, fn),
    }
    const sealer = SessionSealer.fromMerchantKey(this.#options.merchantPrivateKey, serviceCode)
    const unreadable = () =>
      this.#logger.warn(
        "Alliance Pay: the stored bank device session cannot be decrypted with the current merchant key (the key changed, or the row was altered); authorizing a new device"
      )
    return new DatabaseSessionStore(serviceCode, persistence, sealer, unreadable)
  }

  /** See advisory-lock.ts: one holder across every process, re-entrant within one call chain. */
  withAdvisoryLock<T>(key: string, fn: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return withAdvisoryLock(this.#pg, key, fn, options)
  }

  get #pg(): Knex {
    return this.#cradle[ContainerRegistrationKeys.PG_CONNECTION] as Knex
  }

  async #emit(name: string, data: Record<string, unknown>) {
    const bus = this.#cradle[Modules.EVENT_BUS] as IEventBusModuleService | undefined
    try {
      await bus?.emit({ name, data })
    } catch (e) {
      this.#logger.warn(`Alliance Pay: could not emit ${name}: ${(e as Error).message}`)
    }
  }
}

/** No answer, a 5xx or an unreadable one: the bank may have acted. Only a clear refusal is final. */
function outcomeUnknown(e: unknown): boolean {
  if (!(e instanceof AlliancePayError)) return true
  if (e.kind === "timeout" || e.kind === "transient" || e.kind === "protocol") return true
  return e.httpStatus !== undefined && e.httpStatus >= 500
}

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() <= b.getTime() ? a : b
}

function describeError(e: unknown): string {
  if (e instanceof AlliancePayError) return `${e.msgCode}: ${e.msgText}`
  return e instanceof Error ? e.message : String(e)
}
