import type { PaymentMethod } from "../core/bank/contract/answers"
import { a2aLinks } from "./a2a-links"
import { BankError, duplicateValue } from "./bank-errors"
import { ControlError } from "./control-error"
import type { CreateOrderInput } from "./create-order-request"
import { bankId, uuid } from "./ids"
import type { RuntimeConfig } from "./options"
import type { Operation, Order, OrderStatus } from "./order-model"
import type { CompletionInput } from "./completion-request"
import { isPayment } from "./order-model"
import type { RefundInput } from "./refund-request"
import {
  DEFAULT_CARD,
  RESPONSES,
  maskCard,
  paymentSystemOf,
  refundKopeckRule,
  type PurchaseBehaviour,
  type ResponseInfo,
} from "../core/bank/contract/test-cards"
import type { Timers } from "./timers"

export interface LedgerDeps {
  config: () => RuntimeConfig
  publicUrl: string
  timers: Timers
  /** Called once an operation reaches SUCCESS or FAIL. */
  notify: (order: Order, op: Operation) => void
}

export type AttemptRefusal = "expired" | "attempted"

/** The bank's books: orders, their purchase attempts and refunds, all in memory. */
export class Ledger {
  private readonly orders = new Map<string, Order>()
  /** Orders and refunds share one namespace, so by_merchant_request_id is never ambiguous. */
  private readonly byMerchantRequestId = new Map<string, { order: Order; refund?: Operation }>()
  private readonly purchasesById = new Map<string, { order: Order; op: Operation }>()
  private readonly refundSettlers = new Map<Operation, () => void>()

  constructor(private readonly deps: LedgerDeps) {}

  createOrder(input: CreateOrderInput, now = new Date()): Order {
    if (this.byMerchantRequestId.has(input.merchantRequestId)) throw duplicateValue(input.merchantRequestId)
    const hppOrderId = bankId(now.getTime())
    const minutes = input.expirationTimeMinutes ?? this.deps.config().orderTtlMinutesDefault
    const order: Order = {
      hppOrderId,
      ecomOrderId: uuid(),
      merchantRequestId: input.merchantRequestId,
      merchantId: input.merchantId,
      hppPayType: input.hppPayType,
      ...(input.a2a ? { a2a: input.a2a } : {}),
      ...(input.preAuthExpMs !== undefined ? { preAuthExpiresAt: new Date(input.preAuthExpMs) } : {}),
      coinAmount: input.coinAmount,
      currencyCode: input.currencyCode,
      paymentMethods: input.paymentMethods,
      language: input.language,
      statusPageType: input.statusPageType,
      successUrl: input.successUrl,
      failUrl: input.failUrl,
      notificationUrl: input.notificationUrl,
      notificationEncryption: input.notificationEncryption,
      purpose: input.purpose,
      merchantComment: input.merchantComment,
      customerData: input.customerData,
      createdAt: now,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      orderStatus: "PENDING",
      operations: [],
      redirectUrl: `${this.deps.publicUrl}/hpp/?hpp_id=${hppOrderId}`,
      statusUrl: `${this.deps.publicUrl}/status/?hpp_id=${hppOrderId}`,
    }
    if (input.a2a) Object.assign(order, a2aLinks(order, input.a2a, this.deps.publicUrl))
    this.orders.set(hppOrderId, order)
    this.byMerchantRequestId.set(order.merchantRequestId, { order })
    return order
  }

  get(hppOrderId: string): Order | undefined {
    return this.orders.get(hppOrderId)
  }

  list(): Order[] {
    return [...this.orders.values()]
  }

  isExpired(order: Order, now = Date.now()): boolean {
    return now >= order.expiresAt.getTime()
  }

  /** The shopper's payment attempts: PURCHASE, or PREAUTH for a two-step order. */
  purchases(order: Order): Operation[] {
    return order.operations.filter(isPayment)
  }

  /** What refunds draw on: the successful PURCHASE, or the successful COMPLETION of a hold. */
  refundTarget(order: Order): Operation | undefined {
    return order.operations.find((op) => (op.type === "PURCHASE" || op.type === "COMPLETION") && op.status === "SUCCESS")
  }

  inProgressPurchase(order: Order): Operation | undefined {
    return this.purchases(order).find((op) => op.status === "PENDING" || op.status === "REQUIRED_3DS")
  }

  /** ONE_TRY: one purchase attempt per order, and none once the link expired. */
  refusal(order: Order, now = Date.now()): AttemptRefusal | undefined {
    if (this.purchases(order).length > 0) return "attempted"
    if (this.isExpired(order, now)) return "expired"
    return undefined
  }

  startPurchase(
    order: Order,
    attempt: { method: PaymentMethod | "ACCOUNT"; cardDigits?: string; behaviour: PurchaseBehaviour },
    now = new Date()
  ): Operation {
    const digits = attempt.cardDigits ?? (attempt.method === "ACCOUNT" ? "" : DEFAULT_CARD[attempt.method])
    const op: Operation = {
      type: order.hppPayType === "A2A" ? "ACCOUNT_2_ACCOUNT" : order.hppPayType,
      operationId: bankId(now.getTime()),
      ecomOperationId: uuid(),
      status: attempt.behaviour.status,
      coinAmount: order.coinAmount,
      createdAt: now,
      modifiedAt: now,
      paymentServiceType: attempt.method,
      paymentSystem: paymentSystemOf(digits),
      cardNumberMask: maskCard(digits),
      ...(attempt.method === "CARD" ? { threeDSServerTransId: uuid() } : {}),
      responseInfo: {},
    }
    order.operations.push(op)
    this.purchasesById.set(op.operationId, { order, op })
    if (attempt.behaviour.status === "SUCCESS") this.finish(order, op, "SUCCESS", RESPONSES.approved, now)
    else if (attempt.behaviour.status === "FAIL") this.finish(order, op, "FAIL", attempt.behaviour.info, now)
    else this.updateOrderStatus(order)
    return op
  }

  settlePurchase(order: Order, status: "SUCCESS" | "FAIL", info?: ResponseInfo, now = new Date()): Operation {
    const op = this.inProgressPurchase(order)
    if (!op) throw new ControlError(409, `order ${order.hppOrderId} has no PENDING or REQUIRED_3DS purchase attempt to settle`)
    const response = status === "SUCCESS" ? RESPONSES.approved : (info ?? RESPONSES.declined)
    this.finish(order, op, status, response, now)
    return op
  }

  refundable(purchase: Operation, order: Order): number {
    const taken = order.operations
      .filter((op) => op.type === "REFUND" && op.originalOperationId === purchase.operationId)
      .filter((op) => op.status === "SUCCESS" || op.status === "PENDING")
      .reduce((sum, op) => sum + op.coinAmount, 0)
    return purchase.coinAmount - taken
  }

  refund(input: RefundInput, now = new Date()): { order: Order; op: Operation } {
    if (this.byMerchantRequestId.has(input.merchantRequestId)) throw duplicateValue(input.merchantRequestId)
    const found = this.purchasesById.get(input.operationId)
    if (!found) throw new BankError(200, "b_operation_not_found", "@Operation not found")
    const { order, op: purchase } = found
    // a hold is not money taken: it is completed (then the completion is refunded) or left to expire
    if (purchase.status !== "SUCCESS" || purchase.type === "PREAUTH") {
      throw new BankError(200, "b_payment_invalid_refund_status", "@The original operation is not in a refundable status")
    }
    // the refund endpoint returns money to the card that paid; a transfer from a bank account has none
    if (purchase.type === "ACCOUNT_2_ACCOUNT") {
      throw new BankError(200, "b_payment_refund_not_supported", "@Refund is not supported for account-to-account payments")
    }
    if (input.coinAmount > this.refundable(purchase, order)) {
      throw new BankError(200, "b_payment_invalid_refund_amount", "@Refund amount exceeds the amount available to refund")
    }
    const op: Operation = {
      type: "REFUND",
      operationId: purchase.operationId,
      ecomOperationId: uuid(),
      status: "PENDING",
      coinAmount: input.coinAmount,
      createdAt: now,
      modifiedAt: now,
      paymentServiceType: purchase.paymentServiceType,
      paymentSystem: purchase.paymentSystem,
      cardNumberMask: purchase.cardNumberMask,
      responseInfo: {},
      merchantRequestId: input.merchantRequestId,
      originalOperationId: purchase.operationId,
      originalEcomOperationId: purchase.ecomOperationId,
      originalCoinAmount: purchase.coinAmount,
      notificationUrl: input.notificationUrl,
      notificationEncryption: input.notificationEncryption,
      merchantComment: input.merchantComment,
    }
    order.operations.push(op)
    this.byMerchantRequestId.set(input.merchantRequestId, { order, refund: op })

    const config = this.deps.config()
    const outcome = refundKopeckRule(input.coinAmount)
    if (Math.abs(now.getTime() - input.dateMs) > config.refundDateToleranceMs) {
      op.errorDetails = "b_security_time_in_request_not_correct"
      this.finish(order, op, "FAIL", {}, now)
    } else if (outcome === "SUCCESS") {
      this.finish(order, op, "SUCCESS", RESPONSES.approved, now)
    } else if (outcome === "FAIL") {
      op.errorDetails = "b_reverse_transaction_failed"
      this.finish(order, op, "FAIL", RESPONSES.refundDeclined, now)
    } else if (config.refundSettleAfterMs !== null) {
      const cancel = this.deps.timers.after(config.refundSettleAfterMs, () => {
        this.refundSettlers.delete(op)
        if (op.status === "PENDING") this.finish(order, op, "SUCCESS", RESPONSES.approved)
      })
      this.refundSettlers.set(op, cancel)
    }
    return { order, op }
  }

  /** COMPLETION of a successful PREAUTH: once, before its preAuthExpDate, within ±20% of the hold. */
  complete(input: CompletionInput, now = new Date()): { order: Order; op: Operation } {
    if (this.byMerchantRequestId.has(input.merchantRequestId)) throw duplicateValue(input.merchantRequestId)
    const found = this.purchasesById.get(input.originalOperationId)
    if (!found || found.op.type !== "PREAUTH") throw new BankError(200, "b_operation_not_found", "@Preauthorization operation not found")
    const { order, op: hold } = found
    if (hold.status !== "SUCCESS") {
      throw new BankError(200, "b_cannot_process_logic_transaction", "@The preauthorization was not successful")
    }
    if (order.operations.some((op) => op.type === "COMPLETION" && op.originalOperationId === hold.operationId && op.status !== "FAIL")) {
      throw new BankError(200, "b_cannot_process_logic_transaction", "@The preauthorization is already completed")
    }
    if (order.preAuthExpiresAt && now.getTime() >= order.preAuthExpiresAt.getTime()) {
      throw new BankError(200, "b_cannot_process_logic_transaction", "@The preauthorization has expired and was reversed")
    }
    // integer form of 0.8 ≤ amount / hold ≤ 1.2
    if (5 * input.coinAmount < 4 * hold.coinAmount || 5 * input.coinAmount > 6 * hold.coinAmount) {
      throw new BankError(200, "b_invalid_request", "@The completion amount must be within 20% of the preauthorization amount")
    }
    const op: Operation = {
      type: "COMPLETION",
      operationId: bankId(now.getTime()),
      ecomOperationId: uuid(),
      status: "PENDING",
      coinAmount: input.coinAmount,
      createdAt: now,
      modifiedAt: now,
      paymentServiceType: hold.paymentServiceType,
      paymentSystem: hold.paymentSystem,
      cardNumberMask: hold.cardNumberMask,
      responseInfo: {},
      merchantRequestId: input.merchantRequestId,
      originalOperationId: hold.operationId,
      originalEcomOperationId: hold.ecomOperationId,
      originalCoinAmount: hold.coinAmount,
      notificationUrl: input.notificationUrl,
      notificationEncryption: input.notificationEncryption,
      merchantComment: input.merchantComment,
    }
    order.operations.push(op)
    this.byMerchantRequestId.set(input.merchantRequestId, { order, refund: op })
    this.purchasesById.set(op.operationId, { order, op })
    if (Math.abs(now.getTime() - input.dateMs) > this.deps.config().refundDateToleranceMs) {
      op.errorDetails = "b_security_time_in_request_not_correct"
      this.finish(order, op, "FAIL", {}, now)
    } else {
      this.finish(order, op, "SUCCESS", RESPONSES.approved, now)
    }
    return { order, op }
  }

  /** Moves a hold's preAuthExpDate into the past (it can no longer be completed), or to `inMs` from now. */
  expireHold(order: Order, now = Date.now(), inMs?: number): void {
    if (order.hppPayType !== "PREAUTH") throw new ControlError(409, `order ${order.hppOrderId} is not a PREAUTH order`)
    order.preAuthExpiresAt = new Date(inMs === undefined ? now - 1000 : now + inMs)
  }

  settleRefund(merchantRequestId: string, status: "SUCCESS" | "FAIL", now = new Date()): { order: Order; op: Operation } {
    const found = this.byMerchantRequestId.get(merchantRequestId)
    if (!found?.refund) throw new ControlError(404, `no refund with merchantRequestId ${merchantRequestId}`)
    const { order, refund: op } = found
    if (op.status !== "PENDING") {
      throw new ControlError(409, `refund ${merchantRequestId} is already ${op.status}; only PENDING refunds can be settled`)
    }
    this.refundSettlers.get(op)?.()
    this.refundSettlers.delete(op)
    if (status === "FAIL") op.errorDetails = "b_reverse_transaction_failed"
    this.finish(order, op, status, status === "SUCCESS" ? RESPONSES.approved : RESPONSES.refundDeclined, now)
    return { order, op }
  }

  /** Moves the link's expiry into the past; the API status stays what it was (PENDING for an unpaid order). */
  expire(order: Order, now = Date.now()): void {
    order.expiresAt = new Date(now - 1000)
  }

  /** `id` is a purchase operationId, or the ecomOperationId of any operation. */
  findOperation(id: string): { order: Order; op: Operation } | undefined {
    const purchase = this.purchasesById.get(id)
    if (purchase) return purchase
    for (const order of this.orders.values()) {
      const op = order.operations.find((o) => o.ecomOperationId === id)
      if (op) return { order, op }
    }
    return undefined
  }

  /** A refund's own id, or an order's id (its successful purchase, else its latest attempt). */
  findByMerchantRequestId(id: string): { order: Order; op: Operation } | undefined {
    const found = this.byMerchantRequestId.get(id)
    if (!found) return undefined
    if (found.refund) return { order: found.order, op: found.refund }
    const purchases = this.purchases(found.order)
    const op = purchases.find((p) => p.status === "SUCCESS") ?? purchases[purchases.length - 1]
    return op ? { order: found.order, op } : undefined
  }

  reset(): void {
    for (const cancel of this.refundSettlers.values()) cancel()
    this.refundSettlers.clear()
    this.orders.clear()
    this.byMerchantRequestId.clear()
    this.purchasesById.clear()
  }

  private finish(order: Order, op: Operation, status: "SUCCESS" | "FAIL", info: ResponseInfo, now = new Date()): void {
    op.status = status
    op.responseInfo = { ...info }
    if (status === "FAIL" && !op.errorDetails && info.description) op.errorDetails = info.description
    op.modifiedAt = now
    this.updateOrderStatus(order)
    this.deps.notify(order, op)
  }

  /**
   * PARTIAL_REFUND once any refund succeeded, even when refunds add up to the whole
   * amount: the bank has no "refunded" status, so the plugin must sum refunds itself.
   */
  private updateOrderStatus(order: Order): void {
    let status: OrderStatus = "PENDING"
    const purchases = this.purchases(order)
    const last = purchases[purchases.length - 1]
    if (last) status = last.status
    if (order.operations.some((op) => op.type === "REFUND" && op.status === "SUCCESS")) status = "PARTIAL_REFUND"
    order.orderStatus = status
  }
}
