import { Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { RefundView } from "../lib/api"
import { formatMoney, formatTime } from "../lib/format"

export function RefundsList({ refunds }: { refunds: RefundView[] }) {
  const { t, i18n } = useTranslation()
  if (!refunds.length) return null
  return (
    <div className="px-6 py-4" data-testid="alliancepay-refunds">
      <Heading level="h3" className="mb-2">
        {t("alliancePay.refunds.title")}
      </Heading>
      <ul className="flex flex-col gap-y-1">
        {refunds.map((refund) => (
          <li key={refund.id} className="flex justify-between gap-x-4">
            <Text size="small">
              {formatMoney(refund.amount, refund.currency_code, i18n.language)} ·{" "}
              {t(`alliancePay.refunds.state.${refund.state}`, { defaultValue: refund.state })}
              {refund.error_details ? ` — ${refund.error_details}` : ""}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {formatTime(refund.requested_at, i18n.language)}
            </Text>
          </li>
        ))}
      </ul>
    </div>
  )
}
