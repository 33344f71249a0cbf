import type { InferTypeOf } from "@medusajs/framework/types"
import type { BankOrder, BankRefund } from "./models"

export type BankOrderRecord = InferTypeOf<typeof BankOrder>
export type BankRefundRecord = InferTypeOf<typeof BankRefund>
export type BankOrderStateName = BankOrderRecord["state"]
