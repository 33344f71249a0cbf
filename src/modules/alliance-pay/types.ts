import type { InferTypeOf } from "@medusajs/framework/types"
import type { BankOrder, BankRefund, CreditMemo, CreditMemoLine } from "./models"

export type BankOrderRecord = InferTypeOf<typeof BankOrder>
export type BankRefundRecord = InferTypeOf<typeof BankRefund>
export type BankOrderStateName = BankOrderRecord["state"]
export type CreditMemoRecord = InferTypeOf<typeof CreditMemo>
export type CreditMemoLineRecord = InferTypeOf<typeof CreditMemoLine>
