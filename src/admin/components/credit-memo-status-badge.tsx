import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

const COLOR = { pending: "orange", refunded: "green", failed: "red", not_refunded: "grey", partially_refunded: "blue" } as const

/** A memo's status, or an item's refund status. */
export function CreditMemoStatusBadge({ status, kind }: { status: string; kind: "status" | "itemStatus" }) {
  const { t } = useTranslation()
  return (
    <StatusBadge color={COLOR[status as keyof typeof COLOR] ?? "grey"} data-testid={`alliancepay-credit-memo-${kind}`} data-status={status}>
      {t(`alliancePay.creditMemo.${kind}.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}
