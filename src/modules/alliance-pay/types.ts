import type { InferTypeOf } from "@medusajs/framework/types"
import type { CreateOrderInput } from "../../core/bank"
import type { BankOrder, BankRefund, CreditMemo, CreditMemoLine } from "./models"

export type BankOrderRecord = InferTypeOf<typeof BankOrder>
export type BankRefundRecord = InferTypeOf<typeof BankRefund>
export type CreditMemoRecord = InferTypeOf<typeof CreditMemo>
export type CreditMemoLineRecord = InferTypeOf<typeof CreditMemoLine>

export interface OpenBankOrderInput extends Omit<CreateOrderInput, "merchantRequestId" | "currencyCode"> {
  providerId: string
  paymentSessionId: string
  cartId?: string
  /** Medusa's currency code ("uah") */
  currency: string
}

export interface SyncResult {
  record: BankOrderRecord
  previous: BankOrderRecord["state"]
  state: BankOrderRecord["state"]
  changed: boolean
  /** refunds whose state this sync changed */
  refunds: { id: string; from: string; to: string }[]
  reason?: string
}
