import { ContainerRegistrationKeys, MedusaError, MedusaService, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IEventBusModuleService, Logger } from "@medusajs/framework/types"
import { AlliancePayClient, parseBankDate, type SessionStore } from "../../core/bank"
import { classifyBankOrder, holdExpiryOf, nextCheckAt, recheckDelayMs } from "../../core/bank-state"
import { LockTimeoutError, withAdvisoryLock } from "./advisory-lock"
import { claimDueBankOrders, writeBankOrder } from "./bank-order-writes"
import { claimSessionBankOrder, openBankOrder, type SessionBankOrderInput } from "./bank-order-opening"
import { authorizeConnection, connectionStatus, databaseSessionStore } from "./connection"
import type { ConnectionStatus } from "./connection-status"
import { AlliancePayEvents } from "./events"
import { orphanFields } from "./orphan-fields"
import { withEntry, type HistoryEntry } from "./history"
import { claimCallbackQueue, releaseCallbackQueue } from "./callback-queue"
import { lastActivity, noteCallback, noteReconcileRun, reconcileBacklog, type CallbackNote, type ReconcileRunNote } from "./activity"
import { Activity, BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession } from "./models"
import { summariseOperation } from "./operation-summary"
import { missingCredentials, parseModuleOptions, parseModuleSettings, type ModuleOptions, type ModuleSettings } from "./options"
import { nextState } from "./next-state"
import { readWhenNeeded } from "./read-throttle"
import { countNeedingAttention, listPayments, type PaymentsFilter } from "./payments-query"
import { RefundOutcomeUnknownError, RefundRefusedError } from "./refund-errors"
import { completeHold, type CompleteHoldInput } from "./hold-completion"
import { kopecksOfRecord, RefundLedger } from "./refund-ledger"
import type { BankOrderRecord, OpenBankOrderInput, SyncResult } from "./types"

export { LockTimeoutError, RefundOutcomeUnknownError, RefundRefusedError }

type Cradle = Record<string, unknown>

export type { OpenBankOrderInput, SyncResult } from "./types"
export { kopecksOfRecord }

const CURRENCY_NUMERIC: Record<string, string> = { uah: "980", usd: "840", eur: "978" }

export default class AlliancePayModuleService extends MedusaService({ Activity, BankOrder, BankRefund, CreditMemo, CreditMemoLine, DeviceSession }) {
  // Medusa's types pluralise CreditMemo as "CreditMemoes"; the methods generated at run time are …CreditMemos
  declare listCreditMemos: AlliancePayModuleService["listCreditMemoes"]
  declare createCreditMemos: AlliancePayModuleService["createCreditMemoes"]
  declare updateCreditMemos: AlliancePayModuleService["updateCreditMemoes"]
  declare deleteCreditMemos: AlliancePayModuleService["deleteCreditMemoes"]

  readonly #cradle: Cradle
  readonly #settings: ModuleSettings
  #checkedOptions?: ModuleOptions
  #client?: AlliancePayClient
  #ledger?: RefundLedger

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

  /** The payment session's bank order for this amount in one statement: the one it has at the bank, else a new row (bank-order-opening.ts). */
  claimSessionBankOrder(input: SessionBankOrderInput) {
    return claimSessionBankOrder(this.#pg, input)
  }

  /** Creates the bank order, recording our request before the bank is called (bank-order-opening.ts). */
  openBankOrder(input: OpenBankOrderInput & { claimed?: BankOrderRecord }): Promise<BankOrderRecord> {
    return openBankOrder({ pg: this.#pg, bank: this.bank, recheckAfterMs: this.#options.reconcile.recheckAfterMs }, input)
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
    const { state, warning } = nextState(record, classified.state, classified.reason)
    if (warning) this.#logger.warn(warning)
    const { changes: refunds, open: openRefunds } = await this.ledger.syncRefunds(record, state, answer.operations)
    const expiresAt = parseBankDate(answer.expiredOrderDate)
    const checkCount = (record.check_count ?? 0) + 1
    const now = Date.now()
    const fields: Partial<BankOrderRecord> = {
      state,
      bank_status: answer.orderStatus,
      operations: answer.operations.map(summariseOperation) as unknown as Record<string, unknown>,
      purchase_operation_id: classified.purchase?.operationId ?? record.purchase_operation_id,
      hold_operation_id: classified.hold?.operationId ?? record.hold_operation_id,
      hold_expires_at: classified.hold && holdExpiryOf(classified.hold) !== undefined ? new Date(holdExpiryOf(classified.hold)!) : record.hold_expires_at,
      captured_coin_amount: state === "captured" && classified.hold && classified.purchase ? classified.purchase.coinAmount : record.captured_coin_amount,
      failure_reason: state === record.state ? record.failure_reason : (classified.reason ?? null),
      expires_at: expiresAt ? new Date(expiresAt) : record.expires_at,
      last_synced_at: new Date(now),
      check_count: checkCount,
    }
    const schedule = this.#options.reconcile.recheckAfterMs
    const holdExpiresAt = fields.hold_expires_at ? new Date(fields.hold_expires_at).getTime() : null
    const holdReleasedAt = holdExpiresAt === null ? null : holdExpiresAt + this.#options.expiryGraceMs
    let next = nextCheckAt({ state, checkCount, openRefunds, now, schedule, holdReleasedAt })
    if ((state === "captured" || state === "authorized") && record.state !== state) {
      if (record.detached_at) Object.assign(fields, orphanFields(record, now, this.#options.orphanRefund, (m) => this.#logger.warn(m)))
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
        hasOpenRefunds: (orderId) => this.ledger.hasOpenRefunds(orderId),
        sync: async (record) => (await this.syncBankOrder(record)).record,
      },
      id
    )
  }

  #writeBankOrder(record: BankOrderRecord, fields: Partial<BankOrderRecord>, options: { onlyIfUnchanged?: boolean } = {}) {
    return writeBankOrder(this.#pg, record, fields, options)
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
      Object.assign(fields, orphanFields(record, now, this.#options.orphanRefund, (m) => this.#logger.warn(m)))
      fields.next_check_at = (fields.auto_refund_at as Date | null) ?? null
    }
    await this.#writeBankOrder(record, fields, { onlyIfUnchanged: false })
  }

  /** The admin's Capture of a held payment: a COMPLETION at the bank (hold-completion.ts). */
  completeHold(input: CompleteHoldInput): Promise<BankOrderRecord> {
    return completeHold(
      {
        retrieve: (id) => this.retrieveBankOrder(id),
        bank: () => this.bank,
        sync: async (record) => (await this.syncBankOrder(record)).record,
        lock: (key, fn) => this.withAdvisoryLock(key, fn),
        addHistory: (id, entry) => this.addHistory(id, entry),
        logger: this.#logger,
      },
      input
    )
  }

  /** Adds a line to a bank order's history (what a merchant reads later), e.g. a canceled hold. */
  async addHistory(id: string, entry: Omit<HistoryEntry, "at">): Promise<BankOrderRecord> {
    const record = await this.retrieveBankOrder(id)
    return (await this.#writeBankOrder(record, { history: withEntry(record.history, entry, new Date()) as unknown as Record<string, unknown> }, { onlyIfUnchanged: false }))!
  }

  /** The refund ledger (refund-ledger.ts): every refund path's one check and one lock. */
  get ledger(): RefundLedger {
    this.#ledger ??= new RefundLedger({
      service: this,
      pg: () => this.#pg,
      bank: () => this.bank,
      lock: (key, fn) => this.withAdvisoryLock(key, fn),
      recheckSoon: (id) => this.#recheckSoon(id),
    })
    return this.#ledger
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

  /** The session's open bank order for this amount, if a retry may reuse it (bank-order-writes.ts). */

  /** Callbacks that join an event already waiting in Medusa's queue (callback-queue.ts). */
  claimCallbackQueue = (hppOrderId: string) => claimCallbackQueue(this.#pg, hppOrderId)
  releaseCallbackQueue = (where: { id: string } | { hppOrderId: string }) => releaseCallbackQueue(this.#pg, where)

  /** Settings → Alliance Pay (activity.ts): the last callback and reconciler run (one upsert each, never throwing), the backlog. */
  noteCallback = (note: CallbackNote) => noteCallback(this.#pg, this.#logger, note)
  noteReconcileRun = (run: ReconcileRunNote) => noteReconcileRun(this.#pg, this.#logger, run)
  activity = async () => ({ ...(await lastActivity(this.#pg)), backlog: await reconcileBacklog(this.#pg) })

  /** The device connection for the admin: connected or not, when it expires, the last refusal. */
  connectionStatus(): Promise<ConnectionStatus> {
    return connectionStatus(this, this.#options.serviceCode)
  }

  /** "Authorize by virtual device": a new bank session now; a refusal is recorded for the admin and rethrown. */
  authorizeConnection(): Promise<ConnectionStatus> {
    return authorizeConnection(this, this.bank, this.#options.serviceCode)
  }

  /** The bank session store for one service code, shared by every process. */
  deviceSessionStore(serviceCode: string): SessionStore {
    return databaseSessionStore({
      sessions: this,
      serviceCode,
      merchantPrivateKey: this.#options.merchantPrivateKey,
      lock: (key, fn) => this.withAdvisoryLock(key, fn),
      logger: this.#logger,
    })
  }

  async #recheckSoon(bankOrderId: string) {
    const delay = recheckDelayMs(0, this.#options.reconcile.recheckAfterMs)
    await this.updateBankOrders({ id: bankOrderId, check_count: 0, next_check_at: new Date(Date.now() + delay) })
  }

  /** See bank-order-writes.ts: due bank orders claimed for `leaseMs`, each by one reconciler run. */
  claimDueBankOrders(limit: number, leaseMs: number, dueBy: Date = new Date()): Promise<BankOrderRecord[]> {
    return claimDueBankOrders(this.#pg, limit, leaseMs, dueBy)
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

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() <= b.getTime() ? a : b
}
