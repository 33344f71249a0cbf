import type { CreditMemoView } from "./types"

/** One English sentence for the merchant: what the new memo did (the widget shows its own translation). */
export function describeCreditMemo(memo: CreditMemoView): string {
  const amount = `${memo.total} ${memo.currency_code.toUpperCase()}`
  if (memo.mode === "offline") return `Recorded an offline refund of ${amount}; the bank was not asked to return any money.`
  switch (memo.status) {
    case "refunded":
      return `Refunded ${amount} to the customer's card through Alliance Pay.`
    case "failed":
      return `Alliance Pay refused the refund of ${amount}: ${memo.failure_reason}. Nothing was refunded; the failed credit memo is kept as a record.`
    default:
      return memo.warning ?? `The bank accepted the refund of ${amount} and is processing it; the credit memo stays pending until the bank confirms it.`
  }
}
