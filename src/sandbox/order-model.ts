import { formatKyivDate, formatOperationDate, formatRefundDate, formatTransactionMinute } from "../core/bank/dates"
import type { PaymentMethod } from "../core/bank/contract/answers"
import type { CreateOrderInput } from "./create-order-request"
import type { CallbackShape } from "./options"
import type { ResponseInfo } from "../core/bank/contract/test-cards"
import { a2aOperationJson } from "./a2a-operation"

export type OrderStatus = "PENDING" | "REQUIRED_3DS" | "SUCCESS" | "FAIL" | "PARTIAL_REFUND"
export type OperationStatus = "PENDING" | "REQUIRED_3DS" | "SUCCESS" | "FAIL"
/** What a shopper's attempt creates: a sale, a hold completed later, or a transfer from a bank app (api §6.5). */
export type PaymentType = "PURCHASE" | "PREAUTH" | "ACCOUNT_2_ACCOUNT"
/** The order's hppPayType; an A2A order's attempts are ACCOUNT_2_ACCOUNT operations. */
export type OrderPayType = "PURCHASE" | "PREAUTH" | "A2A"

const TRANSACTION_TYPES = { PURCHASE: 35, REFUND: 76, PREAUTH: 195, COMPLETION: 196, ACCOUNT_2_ACCOUNT: 54 } as const

export const isPayment = (op: Operation): boolean => op.type === "PURCHASE" || op.type === "PREAUTH" || op.type === "ACCOUNT_2_ACCOUNT"

export interface Operation {
  type: PaymentType | "REFUND" | "COMPLETION"
  /** For refunds this is the purchase's operationId, as in the bank's examples. */
  operationId: string
  ecomOperationId: string
  status: OperationStatus
  coinAmount: number
  createdAt: Date
  modifiedAt: Date
  /** ACCOUNT for a transfer from a bank account (A2A) */
  paymentServiceType: PaymentMethod | "ACCOUNT"
  paymentSystem: string
  cardNumberMask: string
  /** The 3-D Secure server's transaction id of a card purchase. */
  threeDSServerTransId?: string
  responseInfo: ResponseInfo
  errorDetails?: string
  merchantRequestId?: string
  /** Refunds: the purchase or completion refunded. Completions: the PREAUTH completed. */
  originalOperationId?: string
  originalEcomOperationId?: string
  originalCoinAmount?: number
  notificationUrl?: string
  notificationEncryption?: boolean
  merchantComment?: string
}

/** An order as the bank keeps it: what create-order asked for, plus the bank's own fields. */
export interface Order extends Omit<CreateOrderInput, "expirationTimeMinutes"> {
  hppOrderId: string
  ecomOrderId: string
  hppPayType: OrderPayType
  /** A2A: the NBU QR link when generateQrNbu was asked for */
  nbuQrCode?: string
  /** PREAUTH: when the bank reverses the hold by itself unless it was completed. */
  preAuthExpiresAt?: Date
  createdAt: Date
  expiresAt: Date
  orderStatus: OrderStatus
  /** Purchase attempts and refunds, oldest first. */
  operations: Operation[]
  redirectUrl: string
  /** null for A2A, as in the docs */
  statusUrl: string | null
}

/** Order-level fields common to the create-order, operations and callback answers. */
function orderFields(order: Order) {
  return {
    hppOrderId: order.hppOrderId,
    ecomOrderId: order.ecomOrderId,
    merchantRequestId: order.merchantRequestId,
    merchantId: order.merchantId,
    hppPayType: order.hppPayType,
    orderStatus: order.orderStatus,
    coinAmount: order.coinAmount,
    ...(order.currencyCode ? { currencyCode: order.currencyCode } : {}),
    paymentMethods: [...order.paymentMethods],
    createDate: formatKyivDate(order.createdAt),
    expiredOrderDate: formatKyivDate(order.expiresAt),
    redirectUrl: order.redirectUrl,
    statusUrl: order.statusUrl,
  }
}

export function createOrderJson(order: Order) {
  return { ...orderFields(order), nbuQrCode: order.nbuQrCode ?? null }
}

export function operationJson(order: Order, op: Operation) {
  // every field of the docs' examples (receiving-order-data, callback, refund), in their formats;
  // fields the examples show as null are left out, as the bank's own SDK refuses nulls there
  const common = {
    type: op.type,
    operationId: op.operationId,
    ecomOperationId: op.ecomOperationId,
    merchantId: order.merchantId,
    hppOrderId: order.hppOrderId,
    status: op.status,
    transactionType: TRANSACTION_TYPES[op.type],
    coinAmount: op.coinAmount,
    transactionCurrency: "980",
    // test terminals answer rrn "-1" and no approvalCode (api §10)
    rrn: "-1",
    merchantCommission: 0,
    transactionResponseInfo: { ...op.responseInfo },
    ...(op.errorDetails ? { errorDetails: op.errorDetails } : {}),
    transactionCreateDateTime: formatTransactionMinute(op.createdAt),
    transactionModificationDateTime: formatTransactionMinute(op.modifiedAt),
    creationDateTime: formatOperationDate(op.createdAt),
    modificationDateTime: formatOperationDate(op.modifiedAt),
    processingDateTime: formatOperationDate(op.modifiedAt),
    paymentServiceType: op.paymentServiceType,
    paymentSystem: op.paymentSystem,
    bankCode: "BANK_ALLIANCE",
    cardNumberMask: op.cardNumberMask,
    creatorSystem: "HPP",
    merchantName: "Alliance Pay sandbox merchant",
    processingMerchantId: "SANDBOX1",
    processingTerminalId: "SANDBOX1",
    notificationSignature: false,
  }
  if (op.type === "COMPLETION") {
    // as the docs' completion answer: the hold it completed is named preauth*, the call came over H2H
    return {
      ...common,
      creatorSystem: "H2H",
      merchantRequestId: op.merchantRequestId,
      productType: "PURCHASE",
      preauthOperationId: op.originalOperationId,
      preauthEcomOperationId: op.originalEcomOperationId,
      preauthCoinAmount: op.originalCoinAmount,
      rrnPreauth: "-1",
      ...((op.notificationUrl ?? order.notificationUrl) ? { notificationUrl: op.notificationUrl ?? order.notificationUrl } : {}),
      notificationEncryption: op.notificationEncryption ?? order.notificationEncryption,
      ...(op.merchantComment ? { merchantComment: op.merchantComment } : {}),
    }
  }
  if (op.type === "ACCOUNT_2_ACCOUNT") return a2aOperationJson(order, op, common)
  if (isPayment(op)) {
    return {
      ...common,
      // the docs show the purpose as "purpose" (status answer) and as "comment" (EN callback)
      ...(order.purpose ? { purpose: order.purpose, comment: order.purpose } : {}),
      notificationEncryption: order.notificationEncryption,
      // as the docs' PREAUTH answers: when the bank releases the hold (moved by /expire-hold)
      ...(op.type === "PREAUTH" && order.preAuthExpiresAt ? { preAuthExpDate: formatRefundDate(order.preAuthExpiresAt) } : {}),
      desiredThreeDSMode: "SHOULD",
      threeDSMode: "MUST",
      ...(op.threeDSServerTransId ? { threeDSServerTransId: op.threeDSServerTransId } : {}),
      ...order.customerData,
      senderBankCode: "BANK_ALLIANCE",
      senderPaymentSystem: op.paymentSystem,
      senderCardNumberMask: op.cardNumberMask,
    }
  }
  return {
    ...common,
    merchantRequestId: op.merchantRequestId,
    productType: "PURCHASE",
    originalOperationId: op.originalOperationId,
    originalEcomOperationId: op.originalEcomOperationId,
    originalCoinAmount: op.originalCoinAmount,
    rrnOriginal: "-1",
    // where the refund's callbacks go: its own URL, else the order's (the docs' example shows a URL for a refund sent with "")
    ...((op.notificationUrl ?? order.notificationUrl) ? { notificationUrl: op.notificationUrl ?? order.notificationUrl } : {}),
    notificationEncryption: op.notificationEncryption ?? order.notificationEncryption,
    ...(op.merchantComment ? { merchantComment: op.merchantComment } : {}),
  }
}

export function orderStatusJson(order: Order) {
  return {
    ...orderFields(order),
    notificationUrl: order.notificationUrl ?? null,
    operations: order.operations.map((op) => operationJson(order, op)),
  }
}

/** The callback body (api §7.2) about one operation, in the configured container shape. */
export function callbackEnvelope(order: Order, op: Operation, shape: CallbackShape) {
  const envelope = {
    ...orderFields(order),
    hppDirectType: order.a2a ? "BANK_LINK" : "REDIRECT",
    tryMode: "ONE_TRY",
    notificationUrl: order.notificationUrl ?? null,
    notificationEncryption: order.notificationEncryption,
  }
  switch (shape) {
    case "operations-object":
      return { ...envelope, operations: operationJson(order, op) }
    case "operations-array":
      // modelled on the status answer, which lists every operation of the order
      return { ...envelope, operations: order.operations.map((o) => operationJson(order, o)) }
    default:
      return { ...envelope, operation: operationJson(order, op) }
  }
}
