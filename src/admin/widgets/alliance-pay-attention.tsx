import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { ExclamationCircle } from "@medusajs/icons"
import { Container, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useAttentionCount } from "../lib/payments-hooks"

/** On the orders list: how many Alliance Pay payments need a human, with the way there. Nothing when none do. */
const AlliancePayAttentionWidget = () => {
  const { t } = useTranslation()
  const { data: count } = useAttentionCount()
  if (!count) return null
  return (
    <Container className="flex items-center justify-between gap-x-4 px-6 py-3" data-testid="alliancepay-attention-banner" data-count={count}>
      <div className="flex items-center gap-x-2">
        <ExclamationCircle className="text-ui-fg-error" />
        <Text size="small" weight="plus">
          {t("alliancePay.payments.needsAttentionCount", { count })}
        </Text>
      </div>
      <a className="text-ui-fg-interactive txt-compact-small-plus" href="/app/alliance-pay?needs_attention=true">
        {t("alliancePay.payments.open")}
      </a>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.list.before" })

export default AlliancePayAttentionWidget
