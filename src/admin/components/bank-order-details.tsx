import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { BankOrderView } from "../lib/api"
import { bankOrderReason, bankOrderStatus, orderNote } from "../lib/bank-words"
import { formatMoney, formatTime } from "../lib/format"
import { DetailRow } from "./detail-row"

export function BankOrderDetails({ bankOrder, note }: { bankOrder: BankOrderView; note: string | null }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const reason = bankOrder.state === "captured" ? null : bankOrderReason(t, bankOrder)
  const shownNote = orderNote(t, note, bankOrder)
  return (
    <div>
      <DetailRow label={t("alliancePay.panel.bankOrder")}>
        <span className="font-mono" data-testid="alliancepay-hpp-order-id">
          {bankOrder.hpp_order_id ?? "—"}
        </span>
      </DetailRow>
      <DetailRow label={t("alliancePay.panel.bankStatus")}>{bankOrderStatus(t, bankOrder.bank_status)}</DetailRow>
      <DetailRow label={t("alliancePay.panel.amount")}>{formatMoney(bankOrder.amount, bankOrder.currency_code, lng)}</DetailRow>
      <DetailRow label={t("alliancePay.panel.expiresAt")}>{formatTime(bankOrder.expires_at, lng)}</DetailRow>
      <DetailRow label={t("alliancePay.panel.lastSync")}>
        <span data-testid="alliancepay-last-sync">
          {bankOrder.last_synced_at ? formatTime(bankOrder.last_synced_at, lng) : t("alliancePay.panel.never")}
        </span>
      </DetailRow>
      {/* the plugin's note on a canceled order carries the reason: shown once, in the admin's language */}
      {(shownNote || reason) && (
        <DetailRow label={t(shownNote ? "alliancePay.panel.note" : "alliancePay.panel.failureReason")}>
          <Text size="small" className="text-ui-fg-error">
            {shownNote ?? reason}
          </Text>
        </DetailRow>
      )}
      {bankOrder.status_url && (
        <div className="px-6 py-3">
          <a
            href={bankOrder.status_url}
            target="_blank"
            rel="noopener noreferrer"
            className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            {t("alliancePay.panel.statusPage")} ↗
          </a>
        </div>
      )}
    </div>
  )
}
