import { Table, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatMoney, formatTime } from "../../lib/format"
import type { PaymentRowView } from "../../lib/payments-api"
import { PaymentStateBadge } from "../payment-state-badge"
import { AttentionBadges } from "./attention-badges"
import { PaymentRowActions } from "./payment-row-actions"

function History({ row }: { row: PaymentRowView }) {
  const { t, i18n } = useTranslation()
  if (!row.history.length) return null
  return (
    <details className="mt-1">
      <summary className="text-ui-fg-subtle cursor-pointer text-xs">{t("alliancePay.payments.history")}</summary>
      <ul className="text-ui-fg-subtle mt-1 text-xs" data-testid="alliancepay-history">
        {row.history.map((entry, i) => (
          <li key={i}>
            {formatTime(entry.at, i18n.language)} · {t(`alliancePay.payments.historyActions.${entry.action}`, { defaultValue: entry.action })} ·{" "}
            {entry.by ?? t("alliancePay.payments.plugin")}
            {entry.note ? ` — ${entry.note}` : ""}
          </li>
        ))}
      </ul>
    </details>
  )
}

export function PaymentsTable({ rows }: { rows: PaymentRowView[] }) {
  const { t, i18n } = useTranslation()
  const money = (amount: string | null, currency: string) => formatMoney(amount, currency, i18n.language)
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("alliancePay.payments.created")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.payments.bankOrder")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.payments.order")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.payments.state")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">{t("alliancePay.payments.bankAmount")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">{t("alliancePay.payments.medusa")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">{t("alliancePay.payments.bankRefunds")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.payments.flags")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">{t("alliancePay.payments.actions")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.id} data-testid="alliancepay-payment-row" data-hpp={row.hpp_order_id ?? ""} className="align-top">
            <Table.Cell>{formatTime(row.created_at, i18n.language)}</Table.Cell>
            <Table.Cell>
              <Text size="small" className="font-mono">
                {row.hpp_order_id ?? row.id}
              </Text>
              {row.rrn && <Text size="xsmall" className="text-ui-fg-subtle">RRN {row.rrn}</Text>}
              <History row={row} />
            </Table.Cell>
            <Table.Cell>
              {row.order ? (
                <a className="text-ui-fg-interactive" href={`/app/orders/${row.order.id}`}>
                  #{row.order.display_id ?? row.order.id}
                </a>
              ) : (
                <Text size="small" className="text-ui-fg-muted">
                  {t("alliancePay.payments.noOrder")}
                </Text>
              )}
            </Table.Cell>
            <Table.Cell>
              <PaymentStateBadge state={row.state} />
            </Table.Cell>
            <Table.Cell className="text-right">{money(row.amount, row.currency_code)}</Table.Cell>
            <Table.Cell className="text-right">
              {row.medusa ? `${money(row.medusa.captured, row.currency_code)} / ${money(row.medusa.refunded, row.currency_code)}` : "—"}
            </Table.Cell>
            <Table.Cell className="text-right">
              {money(row.refunds.bank, row.currency_code)} / {money(row.refunds.offline, row.currency_code)}
              {row.refunds.pending !== "0.00" && (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {t("alliancePay.payments.pendingRefunds", { amount: money(row.refunds.pending, row.currency_code) })}
                </Text>
              )}
            </Table.Cell>
            <Table.Cell>
              <AttentionBadges row={row} />
              {row.auto_refund_at && (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {t("alliancePay.payments.autoRefundAt", { time: formatTime(row.auto_refund_at, i18n.language) })}
                </Text>
              )}
            </Table.Cell>
            <Table.Cell>
              <PaymentRowActions row={row} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
