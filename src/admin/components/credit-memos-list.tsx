import { Badge, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { CreditMemoView, OrderCreditMemosView } from "../lib/api"
import { formatMoney, formatTime } from "../lib/format"
import { CreditMemoStatusBadge } from "./credit-memo-status-badge"

function CreditMemoRow({ memo }: { memo: CreditMemoView }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const parts = memo.lines.map((l) => t("alliancePay.creditMemo.lineSummary", { quantity: l.quantity, title: l.title }))
  if (memo.shipping_amount !== "0.00") parts.push(t("alliancePay.creditMemo.shippingLine", { amount: formatMoney(memo.shipping_amount, memo.currency_code, lng) }))
  return (
    <li className="flex flex-col gap-y-1 py-2" data-testid="alliancepay-credit-memo" data-status={memo.status} data-mode={memo.mode}>
      <div className="flex items-center justify-between gap-x-4">
        <div className="flex items-center gap-x-2">
          <Text size="small" weight="plus">
            {formatMoney(memo.total, memo.currency_code, lng)}
          </Text>
          <Badge size="2xsmall">{t(`alliancePay.creditMemo.mode.${memo.mode}`)}</Badge>
          <Text size="small" className="text-ui-fg-subtle">
            {formatTime(memo.created_at, lng)}
          </Text>
        </div>
        <CreditMemoStatusBadge status={memo.status} kind="status" />
      </div>
      {parts.length > 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          {parts.join(" · ")}
        </Text>
      )}
      {memo.note && (
        <Text size="small" className="text-ui-fg-subtle">
          {memo.note}
        </Text>
      )}
      {memo.failure_reason && (
        <Text size="small" className="text-ui-fg-error">
          {memo.failure_reason}
        </Text>
      )}
      {memo.warning && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {memo.warning}
        </Text>
      )}
    </li>
  )
}

/** The order's credit memos, newest first, and each item's refund status. */
export function CreditMemosList({ view }: { view: OrderCreditMemosView }) {
  const { t } = useTranslation()
  if (!view.credit_memos.length) return null
  return (
    <div className="px-6 py-4" data-testid="alliancepay-credit-memos">
      <Heading level="h3" className="mb-2">
        {t("alliancePay.creditMemo.listTitle")}
      </Heading>
      <ul className="divide-y">
        {view.credit_memos.map((memo) => (
          <CreditMemoRow key={memo.id} memo={memo} />
        ))}
      </ul>
      <Heading level="h3" className="mb-2 mt-4">
        {t("alliancePay.creditMemo.itemsStatusTitle")}
      </Heading>
      <ul className="flex flex-col gap-y-1" data-testid="alliancepay-item-statuses">
        {view.items.map((item) => (
          <li key={item.item_id} className="flex items-center justify-between gap-x-4">
            <Text size="small">{item.title}</Text>
            <div className="flex items-center gap-x-2">
              <Text size="small" className="text-ui-fg-subtle">
                {t("alliancePay.creditMemo.itemStatusCount", { refunded: item.refunded_quantity, ordered: item.ordered })}
              </Text>
              <CreditMemoStatusBadge status={item.status} kind="itemStatus" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
