import { fromKopecks } from "../bank/money"

export interface BankRefundLike {
  state: string
  error_details: string | null
  coin_amount: number
}

export interface MemoOutcome {
  status: "pending" | "refunded" | "failed"
  failure_reason: string | null
  warning: string | null
}

/**
 * An online memo's state from its bank refund. Medusa records a refund as soon as the bank
 * accepts it (PENDING included); when the bank later declines it, Medusa's record stays (there
 * is no way to undo a Medusa refund), so the memo fails with a warning saying exactly that.
 */
export function memoOutcome(refund: BankRefundLike, medusaRefundId: string | null, currency: string): MemoOutcome {
  const amount = `${fromKopecks(refund.coin_amount)} ${currency.toUpperCase()}`
  switch (refund.state) {
    case "succeeded":
      return {
        status: "refunded",
        failure_reason: null,
        warning: medusaRefundId
          ? null
          : `The bank refunded ${amount}, but Medusa has no record of it (the bank's first answer was lost): the order's totals do not show this refund.`,
      }
    case "failed":
      return {
        status: "failed",
        failure_reason: refund.error_details ?? "declined by the bank",
        warning: medusaRefundId
          ? `Medusa recorded refund ${medusaRefundId} of ${amount} when the bank accepted it, but the bank then declined it: the customer has NOT received this money, though Medusa shows it as refunded (a Medusa refund cannot be undone). Return it to the customer outside Medusa, e.g. from the bank's merchant cabinet, without recording another refund.`
          : null,
      }
    default:
      return { status: "pending", failure_reason: null, warning: null }
  }
}
