import { model } from "@medusajs/framework/utils"
import { REFUND_RECORD_STATES } from "../../../core/bank-state/refunds"

/**
 * Every refund of a bank order's money: those we ask the bank for (written before the call,
 * keyed by our merchant_request_id) and those recorded offline (the money went back another
 * way, no bank call). Together with the bank order's amount they are what is left to refund,
 * whichever path asks (Medusa's Refund button, credit memos, the orphan refund).
 */
export const BankRefund = model
  .define("alliancepay_bank_refund", {
    id: model.id({ prefix: "aprfd" }).primaryKey(),
    merchant_request_id: model.text().unique(),
    hpp_order_id: model.text(),
    bank_order_id: model.text(),
    /** Medusa's refund id (the idempotency key Medusa gives refundPayment), when Medusa asked */
    refund_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    /** kopecks */
    coin_amount: model.bigNumber(),
    /** bank: sent to the bank; offline: recorded in the shop only, never sent */
    kind: model.enum(["bank", "offline"]).default("bank"),
    /** unknown = the bank's answer was lost: settled only by re-reading the bank, never by sending again */
    state: model.enum([...REFUND_RECORD_STATES]).default("requested"),
    /** the credit memo this refund belongs to, if any */
    credit_memo_id: model.text().nullable(),
    /**
     * Armed for Medusa to record without a bank call (an offline refund, or a bank refund whose
     * first answer was lost and that the bank later confirmed): the provider consumes it once.
     */
    awaiting_medusa: model.boolean().default(false),
    /** why, when the plugin itself asked (e.g. paid without an order) */
    note: model.text().nullable(),
    ecom_operation_id: model.text().nullable(),
    error_details: model.text().nullable(),
    last_synced_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["hpp_order_id"] }, { on: ["refund_id"] }, { on: ["state"] }])
