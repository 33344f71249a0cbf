import { model } from "@medusajs/framework/utils"
import { RECORD_STATES } from "../../../core/bank-state/states"

/**
 * Every bank order we create, written before the bank is called so that a lost
 * answer or an early callback can still be matched by merchant_request_id.
 */
export const BankOrder = model
  .define("alliancepay_bank_order", {
    id: model.id({ prefix: "apord" }).primaryKey(),
    merchant_request_id: model.text().unique(),
    hpp_order_id: model.text().nullable(),
    provider_id: model.text(),
    payment_session_id: model.text(),
    cart_id: model.text().nullable(),
    /** kopecks; numeric, never a 32-bit column: any amount the bank takes fits */
    coin_amount: model.bigNumber(),
    currency_code: model.text(),
    /** our reading of the bank state: see src/core/bank-state/classify.ts */
    state: model
      .enum([...RECORD_STATES])
      .default("creating"),
    bank_status: model.text().nullable(),
    redirect_url: model.text().nullable(),
    status_url: model.text().nullable(),
    /** pay-by-bank (A2A) with a QR: the bank's NBU QR link (create-order's nbuQrCode), shown to desktop shoppers */
    nbu_qr_url: model.text().nullable(),
    expires_at: model.dateTime().nullable(),
    /** the operation refunds go against: the PURCHASE, or the COMPLETION of a hold */
    purchase_operation_id: model.text().nullable(),
    /** two-step payments (captureMode "manual"): the successful PREAUTH the admin's Capture completes */
    hold_operation_id: model.text().nullable(),
    /** when the bank releases an uncompleted hold (the preAuthExpDate we sent, or the bank's) */
    hold_expires_at: model.dateTime().nullable(),
    /** kopecks the COMPLETION took (80–120 % of the hold): what refunds may draw on; null for a PURCHASE */
    captured_coin_amount: model.bigNumber().nullable(),
    operations: model.json().nullable(),
    failure_reason: model.text().nullable(),
    last_synced_at: model.dateTime().nullable(),
    /** when the last bank read of this order began: one read per short window across every process (see read-throttle.ts) */
    read_started_at: model.dateTime().nullable(),
    read_finished_at: model.dateTime().nullable(),
    /** a callback's event waits in Medusa's queue for this order: later callbacks join it (see callback-queue.ts) */
    callback_queued_at: model.dateTime().nullable(),
    /** when the reconciler should re-read this order next; null = nothing left to settle */
    next_check_at: model.dateTime().nullable(),
    /** re-reads so far, for the reconciler's backoff */
    check_count: model.number().default(0),
    /**
     * Medusa's payment session no longer uses this bank order (the cart's amount changed, the
     * session was deleted, another method was chosen). The bank order is still followed until
     * the bank closes it: if it is paid anyway, it is money without an order.
     */
    detached_at: model.dateTime().nullable(),
    /** what a human must look at (the payments page's "Needs attention"); null = nothing */
    attention: model.enum(["paid_without_order", "refunds_disagree"]).nullable(),
    attention_at: model.dateTime().nullable(),
    /** paid without an order: when the bank is asked to return the money (module option orphanRefund) */
    auto_refund_at: model.dateTime().nullable(),
    /** a merchant marked everything that needed attention so far as resolved */
    resolved_at: model.dateTime().nullable(),
    /** what happened to this bank order that a merchant should be able to read later: [{ at, by, action, note }] */
    history: model.json().nullable(),
  })
  .indexes([
    { on: ["hpp_order_id"], unique: true, where: "hpp_order_id IS NOT NULL" },
    { on: ["payment_session_id"] },
    { on: ["state"] },
    { on: ["next_check_at"], where: "next_check_at IS NOT NULL" },
    { on: ["cart_id"] },
    { on: ["attention"], where: "attention IS NOT NULL" },
  ])
