import { model } from "@medusajs/framework/utils"
import { CreditMemoLine } from "./credit-memo-line"

/**
 * A refund document of an order (the seed's "Credit Memo"): which items, shipping and
 * adjustments were refunded, online through the bank or offline. Amounts are major units,
 * computed by the server from the order's own totals; all of them are whole kopecks.
 */
export const CreditMemo = model
  .define("alliancepay_credit_memo", {
    id: model.id({ prefix: "apcm" }).primaryKey(),
    order_id: model.text(),
    /** Medusa's payment the memo refunds (the captured Alliance Pay payment) */
    payment_id: model.text(),
    currency_code: model.text(),
    /** online: through Medusa's refund workflow and the bank; offline: recorded in the shop only */
    mode: model.enum(["online", "offline"]),
    status: model.enum(["pending", "refunded", "failed"]).default("pending"),
    lines: model.hasMany(() => CreditMemoLine, { mappedBy: "credit_memo" }),
    shipping_amount: model.bigNumber(),
    adjustment_refund: model.bigNumber(),
    adjustment_fee: model.bigNumber(),
    total: model.bigNumber(),
    /** Medusa's refund reason, when the merchant picked one */
    refund_reason_id: model.text().nullable(),
    note: model.text().nullable(),
    /** the admin user who created it */
    created_by: model.text().nullable(),
    bank_refund_id: model.text().nullable(),
    medusa_refund_id: model.text().nullable(),
    /** the bank's reason when it refused */
    failure_reason: model.text().nullable(),
    /** Medusa and the bank disagree (e.g. Medusa recorded a refund the bank later declined): a human must act */
    warning: model.text().nullable(),
  })
  .cascades({ delete: ["lines"] })
  .indexes([{ on: ["order_id"] }, { on: ["bank_refund_id"], where: "bank_refund_id IS NOT NULL" }])
