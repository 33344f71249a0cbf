import type { Operation, Order } from "./order-model"

/** The sandbox merchant's account, as an A2A operation names the recipient (the docs' example shape). */
const RECIPIENT = { account: "UA703001190000026201132371001", name: "Alliance Pay sandbox merchant" }
/** The payer's account the sandbox bank app pays from. */
export const SANDBOX_PAYER_ACCOUNT = "UA923004650000025702103000001"

/**
 * An ACCOUNT_2_ACCOUNT operation as the UA docs show it (callback "для зовнішнього А2А" and the
 * status answer): no card, no rrn, accounts and bank codes of both sides, repeatedPayment.
 */
export function a2aOperationJson(order: Order, op: Operation, common: Record<string, unknown>) {
  const { rrn: _rrn, paymentSystem: _system, cardNumberMask: _mask, processingDateTime: _processed, ...rest } = common
  const payerBank = order.a2a?.priorityBankCode && order.a2a.priorityBankCode !== "ALL_BANKS" ? order.a2a.priorityBankCode : "BANK_ALLIANCE"
  return {
    ...rest,
    ...(order.purpose ? { purpose: order.purpose } : {}),
    ...(order.merchantComment ? { merchantComment: order.merchantComment } : {}),
    notificationEncryption: order.notificationEncryption,
    // the payer's bank names the account holder when the shop did not
    senderFirstName: "Taras",
    senderLastName: "Sandbox",
    ...order.customerData,
    senderAccount: SANDBOX_PAYER_ACCOUNT,
    senderBankCode: payerBank,
    recipientAccount: RECIPIENT.account,
    recipientFirstName: RECIPIENT.name,
    recipientBankCode: "BANK_ALLIANCE",
    repeatedPayment: false,
  }
}
