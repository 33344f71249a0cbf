import { AbstractPaymentProvider, ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  PaymentSessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { fromKopecks } from "../../core/bank"
import { isAtBank } from "../../core/bank-state"
import { SESSION_STATUS } from "./medusa-status"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { BankOrderRecord, OpenBankOrderInput } from "../../modules/alliance-pay/types"
import { acceptCurrency, captureBeingMade, medusaKopecks } from "./amounts"
import { customerInput, type CustomerContext } from "./customer"
import { holdCancelNote, recaptureRefusal } from "./hold-capture"
import { toMedusaError } from "./errors"
import { callbackUrlOf, parseProviderOptions, returnUrl, type ProviderOptions } from "../../core/checkout/options"
import { bankOrderIdOf, sessionData } from "./session-data"
import { cartCustomer, cartOfPaymentSession, type SessionCart } from "./session-cart"
import { webhookActionOf } from "./callback"
import { pageLanguageOf } from "./storefront-fields"

type Cradle = Record<string, unknown>
type HoldRequest = Pick<OpenBankOrderInput, "hppPayType" | "preAuthExpDate">

function medusaStatus(state: BankOrderRecord["state"]): PaymentSessionStatus {
  return SESSION_STATUS[state]
}

/**
 * Alliance Pay hosted payment page. Thin by design: the bank work and the records live in
 * the `alliancePay` module; this class maps Medusa's calls onto it. Every status comes from
 * re-reading the bank, never from what a callback or a browser said.
 */
export class AlliancePayProviderService extends AbstractPaymentProvider<ProviderOptions> {
  static identifier = "alliancepay"

  static validateOptions(options: Record<string, unknown>): void {
    parseProviderOptions(options)
  }

  readonly #cradle: Cradle
  readonly #options: ProviderOptions

  constructor(cradle: Cradle, options: ProviderOptions) {
    super(cradle, options)
    this.#cradle = cradle
    this.#options = parseProviderOptions(options)
  }

  get #logger(): Logger {
    return this.#cradle.logger as Logger
  }

  /** Resolved on use: the payment module lists `alliancePay` in its dependencies (see README). */
  get #module(): AlliancePayModuleService {
    let service: AlliancePayModuleService | undefined
    try {
      service = this.#cradle[ALLIANCE_PAY_MODULE] as AlliancePayModuleService | undefined
    } catch {
      service = undefined
    }
    if (!service) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Alliance Pay: the payment module cannot reach the "${ALLIANCE_PAY_MODULE}" module. Register it in medusa-config and add dependencies: ["${ALLIANCE_PAY_MODULE}"] to the payment module (see the README)`
      )
    }
    return service
  }

  get #providerKey() {
    return `${AlliancePayProviderService.identifier}_${this.#options.providerId}`
  }

  /** What a payment method adds to or changes in the bank order (pay-by-bank: see providers/alliance-pay-a2a). */
  protected bankOrderFields(_order: { cartId?: string; sessionId: string }): Partial<OpenBankOrderInput> {
    return {}
  }

  async initiatePayment({ amount, currency_code, data, context }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const currency = acceptCurrency(currency_code, this.#options.currencies)
    const sessionId = (typeof data?.session_id === "string" && data.session_id) || context?.idempotency_key
    if (!sessionId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Alliance Pay: the payment session id is missing")
    const coinAmount = medusaKopecks(amount)
    const hold = this.#holdRequest()
    // at once, as each costs a wait in the pool under load: a retry of the same session (rare) wastes the cart read
    const [claim, cart] = await Promise.all([
      this.#module.claimSessionBankOrder({ providerId: this.#providerKey, paymentSessionId: sessionId, coinAmount, currency, ...hold }),
      this.#sessionCart(sessionId),
    ])
    const customer = context?.customer ?? cartCustomer(cart, currency)
    const record = claim.reused ? claim.record : await this.#openOrder({ sessionId, coinAmount, currency, data, customer, cart, claimed: claim.record, hold })
    return { id: record.hpp_order_id!, data: sessionData(record), status: SESSION_STATUS.pending }
  }

  async updatePayment({ amount, currency_code, data, context }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const currency = acceptCurrency(currency_code, this.#options.currencies)
    const coinAmount = medusaKopecks(amount)
    const current = await this.#record(data)
    if (Number(current.coin_amount) === coinAmount && current.currency_code === currency && current.state === "pending" && !current.detached_at) {
      return { data: sessionData(current), status: SESSION_STATUS.pending }
    }
    // a bank order's amount is fixed: replace it with a fresh one, but only once the bank says it is not paid
    await this.#letGo(current, { refuseIfPaid: true, what: "its amount can no longer change" })
    const orderData = { ...data, cart_id: current.cart_id ?? undefined }
    const record = await this.#openOrder({
      sessionId: current.payment_session_id,
      coinAmount,
      currency,
      data: orderData,
      customer: await this.#customerFor(orderData, currency, context?.customer),
    })
    return { data: sessionData(record), status: SESSION_STATUS.pending }
  }

  /**
   * Medusa is moving on from this bank order (new amount, deleted session, another method).
   * Decided from the bank, never from our last reading. A new amount is refused while the bank
   * says the payment is made or in progress. A deletion cannot be refused (Medusa answers the
   * shopper with a 500 when a session will not go), so the bank order is detached and still
   * followed: if it is paid, it is money without an order, flagged for the merchant and returned.
   */
  async #letGo(record: BankOrderRecord, { refuseIfPaid, what }: { refuseIfPaid: boolean; what: string }): Promise<void> {
    if (record.detached_at) return
    let current = record
    if (isAtBank(record.state)) {
      try {
        current = (await this.#module.syncBankOrder(record.id)).record
      } catch (e) {
        // the bank cannot be asked now: detach, and the reconciler finds out what became of it
        this.#logger.warn(`Alliance Pay: could not re-read bank order ${record.hpp_order_id} before replacing it: ${(e as Error).message}`)
      }
    }
    if (refuseIfPaid && (current.state === "captured" || current.state === "authorized" || current.state === "in_progress")) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        current.state === "captured" || current.state === "authorized"
          ? `Alliance Pay: this cart is already paid (bank order ${current.hpp_order_id}); ${what}. Complete the order instead`
          : `Alliance Pay: a payment for this cart is in progress at the bank (bank order ${current.hpp_order_id}); ${what} until it ends`
      )
    }
    await this.#module.detachBankOrder(current.id)
  }

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const record = await this.#synced(data, "check the payment", { whenNeeded: true })
    return { data: sessionData(record), status: medusaStatus(record.state) }
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const record = await this.#synced(data, "check the payment", { whenNeeded: true })
    return { data: sessionData(record), status: medusaStatus(record.state) }
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: sessionData(await this.#synced(data, "read the payment")) }
  }

  /**
   * A PURCHASE is one step at the bank: capture only confirms that the bank says it is paid.
   * A hold (captureMode "manual") is completed at the bank for the amount of Medusa's capture.
   */
  async capturePayment({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    let record = await this.#record(data)
    if (record.hold_operation_id && record.state === "authorized") record = await this.#synced(data, "check the hold before capturing it")
    if (record.hold_operation_id && record.state === "authorized") {
      const coinAmount = (await this.#capture(context?.idempotency_key))?.kopecks ?? Number(record.coin_amount)
      try {
        record = await this.#module.completeHold({
          bankOrderId: record.id,
          coinAmount,
          notificationUrl: callbackUrlOf(this.#options),
          notificationEncryption: this.#options.callbackEncryption || undefined,
        })
      } catch (e) {
        throw toMedusaError(e, "capture the payment", (m) => this.#logger.warn(m))
      }
      return { data: sessionData(record) }
    }
    if (record.state !== "captured") record = await this.#synced(data, "confirm the payment")
    if (record.state !== "captured") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Alliance Pay has not confirmed this payment (bank order ${record.hpp_order_id}: ${record.state}); nothing can be captured`
      )
    }
    const asked = record.hold_operation_id ? await this.#capture(context?.idempotency_key) : undefined
    const refusal = asked && recaptureRefusal(record, asked)
    if (refusal) throw refusal
    return { data: sessionData(record) }
  }

  #capture(captureId: string | undefined) {
    return captureBeingMade(this.#cradle[ContainerRegistrationKeys.PG_CONNECTION] as Knex, captureId)
  }

  /**
   * The bank has no "cancel" for a hosted-page order: an unpaid one simply expires, a paid one
   * must be refunded. A hold cannot be released through the bank's API either: the bank releases
   * it by itself at its preAuthExpDate, and nothing is taken meanwhile. Cancel records that, for
   * the merchant to read, and never fails (Medusa's cancel must go through).
   */
  async cancelPayment({ data }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const id = bankOrderIdOf(data)
    if (!id) return { data }
    let record = await this.#module.retrieveBankOrder(id)
    if (record.state === "captured" && !record.hold_operation_id) {
      this.#logger.warn(`Alliance Pay: payment ${record.hpp_order_id} was canceled in Medusa but is paid at the bank; refund it`)
    }
    if (record.state === "authorized") {
      const note = holdCancelNote(record)
      this.#logger.info(`Alliance Pay: bank order ${record.hpp_order_id} ${note}`)
      record = await this.#module.addHistory(record.id, { by: null, action: "hold_canceled", note })
    }
    return { data: { ...sessionData(record), ...(record.state === "authorized" ? { hold_canceled: true } : {}) } }
  }

  /** The session is going (another method, a new session, a changed cart): see #letGo. */
  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const id = bankOrderIdOf(data)
    if (!id) return { data }
    await this.#letGo(await this.#module.retrieveBankOrder(id), { refuseIfPaid: false, what: "" })
    return { data }
  }

  async refundPayment({ amount, data, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const coinAmount = medusaKopecks(amount)
    let record = await this.#record(data)
    if (record.state !== "captured") record = await this.#synced(data, "refund the payment")
    try {
      const refund = await this.#module.ledger.requestRefund({
        bankOrderId: record.id,
        coinAmount,
        refundId: context?.idempotency_key,
        notificationUrl: callbackUrlOf(this.#options),
        notificationEncryption: this.#options.callbackEncryption || undefined,
      })
      if (refund.state === "failed") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Alliance Pay refused the refund of ${fromKopecks(coinAmount)} ${record.currency_code.toUpperCase()}: ${refund.error_details ?? "declined by the bank"}`
        )
      }
      const lastRefund = { id: refund.id, kind: refund.kind, state: refund.state, amount: fromKopecks(Number(refund.coin_amount)) }
      return { data: { ...sessionData(record), last_refund: lastRefund } }
    } catch (e) {
      throw toMedusaError(e, "refund the payment", (m) => this.#logger.error(m))
    }
  }

  /** A callback only names a bank order: see callback.ts. */
  getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return webhookActionOf({ module: this.#module, logger: this.#logger, pg: this.#cradle[ContainerRegistrationKeys.PG_CONNECTION] as Knex }, payload)
  }

  async #record(data: Record<string, unknown> | undefined): Promise<BankOrderRecord> {
    const id = bankOrderIdOf(data)
    if (!id) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Alliance Pay: this payment has no bank order; start the payment again")
    return this.#module.retrieveBankOrder(id)
  }

  /** whenNeeded: a shopper's or Medusa's question, answered without the bank when it need not be asked (see readBankOrderWhenNeeded) */
  async #synced(data: Record<string, unknown> | undefined, doing: string, { whenNeeded = false } = {}): Promise<BankOrderRecord> {
    const record = await this.#record(data)
    try {
      if (whenNeeded) return await this.#module.readBankOrderWhenNeeded(record.id)
      return (await this.#module.syncBankOrder(record.id)).record
    } catch (e) {
      throw toMedusaError(e, doing, (m) => this.#logger.warn(m))
    }
  }

  async #openOrder(input: {
    sessionId: string
    coinAmount: number
    currency: string
    data: Record<string, unknown> | undefined
    customer: CustomerContext | undefined
    /** the session's cart when the caller has read it already */
    cart?: SessionCart
    /** the row claimSessionBankOrder wrote for this order, with `hold` */
    claimed?: BankOrderRecord
    hold?: HoldRequest
  }): Promise<BankOrderRecord> {
    // the cart from Medusa's links, never a cart id from the storefront; of its data, only the page language
    const cartId = ("cart" in input ? input.cart : await this.#sessionCart(input.sessionId))?.id
    const customer = input.customer
    const language = pageLanguageOf(input.data) ?? this.#options.defaultLanguage
    const urls = { cart_id: cartId, session_id: input.sessionId }
    try {
      return await this.#module.openBankOrder({
        providerId: this.#providerKey,
        paymentSessionId: input.sessionId,
        cartId,
        currency: input.currency,
        coinAmount: input.coinAmount,
        successUrl: returnUrl(this.#options.successUrl, urls),
        failUrl: returnUrl(this.#options.failUrl ?? this.#options.successUrl, urls),
        notificationUrl: callbackUrlOf(this.#options),
        notificationEncryption: this.#options.callbackEncryption || undefined,
        paymentMethods: this.#options.paymentMethods,
        statusPageType: this.#options.statusPageType,
        expirationTimeMinutes: this.#options.linkLifetimeMinutes,
        ...(input.hold ?? this.#holdRequest()),
        claimed: input.claimed,
        language,
        purpose: cartId ? `Payment for order (cart ${cartId})` : undefined,
        customer: customerInput(customer, cartId ?? input.sessionId),
        ...this.bankOrderFields({ cartId, sessionId: input.sessionId }),
      })
    } catch (e) {
      throw toMedusaError(e, "start the payment", (m) => this.#logger.warn(m))
    }
  }

  /** Medusa's registered customer, else the paying cart's e-mail and billing address. */
  async #customerFor(
    data: Record<string, unknown> | undefined,
    currency: string,
    customer: CustomerContext | undefined
  ): Promise<CustomerContext | undefined> {
    if (customer) return customer
    // data.session_id is Medusa's (it overrides the storefront's) or ours (stored session data)
    const sessionId = typeof data?.session_id === "string" ? data.session_id : undefined
    return sessionId ? cartCustomer(await this.#sessionCart(sessionId), currency) : undefined
  }

  /** Two-step payments ask the bank for a hold until the configured lifetime ends. */
  #holdRequest(): HoldRequest {
    return this.#options.captureMode === "manual"
      ? { hppPayType: "PREAUTH", preAuthExpDate: new Date(Date.now() + this.#options.holdLifetimeHours * 3600_000) }
      : {}
  }

  /** The cart this payment session pays for, via Medusa's payment collection ↔ cart link. */
  async #sessionCart(sessionId: string): Promise<SessionCart | undefined> {
    try {
      return await cartOfPaymentSession(this.#cradle[ContainerRegistrationKeys.PG_CONNECTION] as Knex, sessionId)
    } catch (e) {
      this.#logger.warn(`Alliance Pay: could not read the cart of payment session ${sessionId}: ${(e as Error).message}`)
      return undefined
    }
  }
}
