import { model } from "@medusajs/framework/utils"
import { CreditMemo } from "./credit-memo"

/** One order item on a credit memo: how many units, at the server's per-unit refund amount. */
export const CreditMemoLine = model.define("alliancepay_credit_memo_line", {
  id: model.id({ prefix: "apcml" }).primaryKey(),
  credit_memo: model.belongsTo(() => CreditMemo, { mappedBy: "lines" }),
  item_id: model.text(),
  title: model.text(),
  quantity: model.number(),
  /** the item's total (taxes and discounts included) per unit, to the kopeck */
  unit_amount: model.bigNumber(),
  /** what these units refund; summed over memos, a fully refunded item returns exactly its total */
  amount: model.bigNumber(),
})
