import { Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { BankOrderView } from "../lib/api"
import { formatMoney, formatTime } from "../lib/format"
import { PaymentStateBadge } from "./payment-state-badge"

/** Bank orders this order no longer depends on (replaced when the cart total changed). */
export function BankOrderHistory({ bankOrders }: { bankOrders: BankOrderView[] }) {
  const { t, i18n } = useTranslation()
  if (!bankOrders.length) return null
  return (
    <div className="px-6 py-4">
      <Heading level="h3" className="mb-2">
        {t("alliancePay.panel.history")}
      </Heading>
      <ul className="flex flex-col gap-y-2">
        {bankOrders.map((b) => (
          <li key={b.id} className="flex items-center justify-between gap-x-4">
            <Text size="small" className="font-mono">
              {b.hpp_order_id ?? b.id}
            </Text>
            <Text size="small">{formatMoney(b.amount, b.currency_code, i18n.language)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {formatTime(b.created_at, i18n.language)}
            </Text>
            <PaymentStateBadge state={b.state} />
          </li>
        ))}
      </ul>
    </div>
  )
}
