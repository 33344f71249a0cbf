import { model } from "@medusajs/framework/utils"

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
    coin_amount: model.number(),
    currency_code: model.text(),
    /** our reading of the bank state: see src/lib/bank-state/classify.ts */
    state: model
      .enum(["creating", "create_failed", "pending", "in_progress", "captured", "failed", "expired", "mismatch", "superseded"])
      .default("creating"),
    bank_status: model.text().nullable(),
    redirect_url: model.text().nullable(),
    status_url: model.text().nullable(),
    expires_at: model.dateTime().nullable(),
    purchase_operation_id: model.text().nullable(),
    operations: model.json().nullable(),
    failure_reason: model.text().nullable(),
    last_synced_at: model.dateTime().nullable(),
    /** when the reconciler should re-read this order next; null = nothing left to settle */
    next_check_at: model.dateTime().nullable(),
    /** re-reads so far, for the reconciler's backoff */
    check_count: model.number().default(0),
  })
  .indexes([
    { on: ["hpp_order_id"], unique: true, where: "hpp_order_id IS NOT NULL" },
    { on: ["payment_session_id"] },
    { on: ["state"] },
    { on: ["next_check_at"], where: "next_check_at IS NOT NULL" },
  ])
