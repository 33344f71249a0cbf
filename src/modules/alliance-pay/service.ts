import { randomUUID } from "node:crypto"
import { ContainerRegistrationKeys, MedusaService, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IEventBusModuleService, Logger } from "@medusajs/framework/types"
import { AlliancePayClient, AlliancePayError, fromKopecks, parseBankDate, type CreateOrderInput, type SessionStore } from "../../lib/alliance-pay"
import {
  classifyBankOrder,
  FINAL_STATES,
  nextCheckAt,
  recheckDelayMs,
  refundableKopecks,
  refundsByRequestId,
  refundState,
  type BankOrderState,
} from "../../lib/bank-state"
import { connectionStatusOf, type ConnectionStatus } from "./connection-status"
import { DatabaseSessionStore, deviceSessionId, type DeviceSessionPersistence } from "./device-session-store"
import { AlliancePayEvents } from "./events"
import { BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession } from "./models"
import { summariseOperation } from "./operation-summary"
import { parseModuleOptions, type ModuleOptions } from "./options"
import { SessionSealer } from "./session-sealing"
import type { BankOrderRecord, BankRefundRecord } from "./types"

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

export class RefundRefusedError extends Error {}

/** Another holder kept an advisory lock longer than the caller was willing to wait. */
export class LockTimeoutError extends Error {}

const CURRENCY_NUMERIC: Record<string, string> = { uah: "980", usd: "840", eur: "978" }

export default class AlliancePayModuleService extends MedusaService({ BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession }) {
  // Medusa's types pluralise CreditMemo as "CreditMemoes"; the methods generated at run time are …CreditMemos
  declare listCreditMemos: AlliancePayModuleService["listCreditMemoes"]
  declare createCreditMemos: AlliancePayModuleService["createCreditMemoes"]
  declare updateCreditMemos: AlliancePayModuleService["updateCreditMemoes"]
  declare deleteCreditMemos: AlliancePayModuleService["deleteCreditMemoes"]

  readonly #cradle: Cradle
  readonly #options: ModuleOptions
  #client?: AlliancePayClient

  constructor(cradle: Cradle, options: unknown, ...rest: unknown[]) {
    super(cradle, options, ...rest)
    this.#cradle = cradle
    this.#options = parseModuleOptions(options)
  }

  get #logger(): Logger {
    return this.#cradle[ContainerRegistrationKeys.LOGGER] as Logger
  }

  get merchantId(): string {
    return this.#options.merchantId
  }

  /** The validated module options, without the key (for jobs and routes). */
  get settings(): Omit<ModuleOptions, "merchantPrivateKey"> {
    const { merchantPrivateKey: _secret, ...rest } = this.#options
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
        coinAmount: record.coin_amount,
        currencyNumeric: CURRENCY_NUMERIC[record.currency_code] ?? record.currency_code,
      },
      Date.now(),
      this.#options.expiryGraceMs
    )
    const state = this.#nextState(record, classified.state, classified.reason)
    const { changes: refunds, open: openRefunds } = await this.#syncRefunds(record, answer.operations)
    const expiresAt = parseBankDate(answer.expiredOrderDate)
    const checkCount = (record.check_count ?? 0) + 1
    const updated = await this.#writeBankOrder(record, {
      state,
      bank_status: answer.orderStatus,
      operations: answer.operations.map(summariseOperation) as unknown as Record<string, unknown>,
      purchase_operation_id: classified.purchase?.operationId ?? record.purchase_operation_id,
      failure_reason: state === record.state ? record.failure_reason : (classified.reason ?? null),
      expires_at: expiresAt ? new Date(expiresAt) : record.expires_at,
      last_synced_at: new Date(),
      check_count: checkCount,
      next_check_at: nextCheckAt({ state, checkCount, openRefunds, now: Date.now(), schedule: this.#options.reconcile.recheckAfterMs }),
    })
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
    // only over the state we decided from: a concurrent change (e.g. the session's amount
    // changed and this order was superseded) is never overwritten with an older reading
    const where = onlyIfUnchanged ? { id: record.id, state: record.state } : { id: record.id }
    const count = await this.#pg("alliancepay_bank_order").where(where).update(row)
    return count ? ({ ...record, ...fields, updated_at: updatedAt } as BankOrderRecord) : null
  }

  /** Final states never move; a late contradiction from the bank is logged for a human, not applied. */
  #nextState(record: BankOrderRecord, seen: BankOrderState, reason?: string): BankOrderRecord["state"] {
    if (seen === "mismatch") {
      this.#logger.warn(`Alliance Pay SECURITY: bank order ${record.hpp_order_id} (${record.id}) does not match what we created: ${reason}`)
    }
    if (record.state === "superseded") {
      if (seen === "captured") {
        this.#logger.error(
          `Alliance Pay: bank order ${record.hpp_order_id} was replaced by a newer one for the same cart but was paid anyway; refund it from the bank's cabinet`
        )
      }
      return "superseded"
    }
    if (FINAL_STATES.has(record.state as BankOrderState) && seen !== record.state) {
      this.#logger.warn(`Alliance Pay: bank order ${record.hpp_order_id} is ${record.state} with us but the bank now reads as ${seen}; keeping ${record.state}`)
      return record.state
    }
    return seen
  }

  async #syncRefunds(record: BankOrderRecord, operations: Parameters<typeof refundsByRequestId>[0]) {
    const changes: { id: string; from: string; to: string }[] = []
    // only paid orders can have refunds: spare the reconciler a query per open order
    if (record.state !== "captured" && !operations.some((op) => op.type === "REFUND")) return { changes, open: false }
    const ours = await this.listBankRefunds({ bank_order_id: record.id })
    const seen = refundsByRequestId(operations)
    let open = false
    for (const refund of ours) {
      const op = seen.get(refund.merchant_request_id)
      if (!op) {
        open ||= refund.state === "requested" || refund.state === "pending" || refund.state === "unknown"
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
   * Asks the bank to refund part of a captured bank order. The check of what is left and
   * the insert of our request happen under one lock, so concurrent refunds cannot together
   * exceed what was paid. A refund the bank refuses is recorded as failed and thrown.
   */
  async requestRefund(input: {
    bankOrderId: string
    coinAmount: number
    refundId?: string
    paymentId?: string
    notificationUrl?: string
    notificationEncryption?: boolean
  }): Promise<BankRefundRecord> {
    if (input.refundId) {
      const [existing] = await this.listBankRefunds({ refund_id: input.refundId }, { take: 1 })
      if (existing) return existing
    }
    const order = await this.retrieveBankOrder(input.bankOrderId)
    if (order.state !== "captured" || !order.purchase_operation_id || !order.hpp_order_id) {
      throw new RefundRefusedError(`bank order ${order.hpp_order_id ?? order.id} is not paid (${order.state}); nothing to refund`)
    }
    const refund = await this.withAdvisoryLock(`alliancepay:refund:${order.id}`, async () => {
      const left = refundableKopecks(order.coin_amount, await this.listBankRefunds({ bank_order_id: order.id }))
      if (input.coinAmount > left) {
        const currency = order.currency_code.toUpperCase()
        throw new RefundRefusedError(
          `only ${fromKopecks(left)} ${currency} can still be refunded on this payment (paid and not yet refunded); ${fromKopecks(input.coinAmount)} ${currency} were asked`
        )
      }
      return this.createBankRefunds({
        merchant_request_id: randomUUID(),
        hpp_order_id: order.hpp_order_id!,
        bank_order_id: order.id,
        refund_id: input.refundId ?? null,
        payment_id: input.paymentId ?? null,
        coin_amount: input.coinAmount,
        state: "requested",
      })
    })
    try {
      const op = await this.bank.refund({
        merchantRequestId: refund.merchant_request_id,
        operationId: order.purchase_operation_id,
        coinAmount: input.coinAmount,
        notificationUrl: input.notificationUrl,
        notificationEncryption: input.notificationEncryption,
        merchantComment: `Refund of ${order.hpp_order_id}`,
      })
      return await this.#recordRefundAnswer(refund, refundState(op), op.ecomOperationId, op.errorDetails)
    } catch (e) {
      if (e instanceof AlliancePayError && (e.kind === "timeout" || e.kind === "transient" || e.kind === "protocol")) {
        // the bank may or may not have done it: ask by our own request id before deciding
        try {
          const op = await this.bank.getOperationByMerchantRequestId(refund.merchant_request_id)
          return await this.#recordRefundAnswer(refund, refundState(op), op.ecomOperationId, op.errorDetails)
        } catch (lookup) {
          const notFound = lookup instanceof AlliancePayError && lookup.httpStatus === 404
          await this.updateBankRefunds({ id: refund.id, state: notFound ? "failed" : "unknown", error_details: describeError(e) })
          if (!notFound) await this.#recheckSoon(refund.bank_order_id)
          throw e
        }
      }
      await this.updateBankRefunds({ id: refund.id, state: "failed", error_details: describeError(e) })
      throw e
    }
  }

  async #recordRefundAnswer(refund: BankRefundRecord, state: string, ecomOperationId?: string | null, errorDetails?: string | null) {
    if (state === "pending") await this.#recheckSoon(refund.bank_order_id)
    return this.updateBankRefunds({
      id: refund.id,
      state: state as BankRefundRecord["state"],
      ecom_operation_id: ecomOperationId ?? null,
      error_details: errorDetails ?? null,
      last_synced_at: new Date(),
    })
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
    return rows as BankOrderRecord[]
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

  /**
   * Runs `fn` while holding a Postgres advisory lock: one holder across every process
   * that shares the database, released with its transaction even if the process dies.
   * Waiters poll with a try-lock instead of blocking, so they hold no pooled connection
   * while they wait (the holder's own work needs connections from the same pool).
   */
  async withAdvisoryLock<T>(key: string, fn: () => Promise<T>, { timeoutMs = 60_000 } = {}): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
      const trx = await this.#pg.transaction()
      let locked = false
      try {
        const { rows } = await trx.raw("select pg_try_advisory_xact_lock(hashtext(?)) as ok", [key])
        locked = !!rows[0]?.ok
        if (locked) {
          const result = await fn()
          await trx.commit()
          return result
        }
      } catch (e) {
        await trx.rollback().catch(() => undefined)
        throw e
      }
      await trx.rollback()
      if (Date.now() > deadline) throw new LockTimeoutError(`Alliance Pay: gave up waiting ${timeoutMs} ms for the lock on ${key}`)
      await new Promise((r) => setTimeout(r, wait))
    }
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

function describeError(e: unknown): string {
  if (e instanceof AlliancePayError) return `${e.msgCode}: ${e.msgText}`
  return e instanceof Error ? e.message : String(e)
}
