import { model } from "@medusajs/framework/utils"

/** Every refund we ask the bank for, written before the call; keyed by our merchant_request_id. */
export const BankRefund = model
  .define("alliancepay_bank_refund", {
    id: model.id({ prefix: "aprfd" }).primaryKey(),
    merchant_request_id: model.text().unique(),
    hpp_order_id: model.text(),
    bank_order_id: model.text(),
    /** Medusa's refund id (the idempotency key Medusa gives refundPayment), when Medusa asked */
    refund_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    coin_amount: model.number(),
    state: model.enum(["requested", "pending", "succeeded", "failed", "unknown"]).default("requested"),
    ecom_operation_id: model.text().nullable(),
    error_details: model.text().nullable(),
    last_synced_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["hpp_order_id"] }, { on: ["refund_id"] }, { on: ["state"] }])
