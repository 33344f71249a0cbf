import { Badge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { PaymentRowView } from "../../lib/payments-api"

/** Why a row needs a human, one badge a reason; and a quieter one where Medusa and the bank disagree. */
export function AttentionBadges({ row }: { row: PaymentRowView }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-wrap gap-1" data-testid="alliancepay-attention" data-reasons={[...row.needs_attention, ...(row.detached ? ["detached"] : [])].join(" ")}>
      {row.needs_attention.map((reason) => (
        <Badge key={reason} color="red" size="2xsmall">
          {t(`alliancePay.payments.reasons.${reason}`, { defaultValue: reason })}
        </Badge>
      ))}
      {row.disagree && !row.needs_attention.includes("refunds_disagree") && (
        <Badge color="orange" size="2xsmall">
          {t("alliancePay.payments.disagree")}
        </Badge>
      )}
      {row.detached && (
        <Badge color="grey" size="2xsmall">
          {t("alliancePay.payments.detached")}
        </Badge>
      )}
    </div>
  )
}
