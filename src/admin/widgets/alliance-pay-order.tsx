import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { CheckStatusButton } from "../components/check-status-button"
import { CreditMemoDrawer } from "../components/credit-memo-drawer"
import { DetailRow } from "../components/detail-row"
import { ErrorState } from "../components/error-state"
import { PaymentDetailsDrawer } from "../components/payment-details-drawer"
import { PaymentStateBadge } from "../components/payment-state-badge"
import { bankOrderReason, bankOrderStatus, orderNote } from "../lib/bank-words"
import { httpStatusOf } from "../lib/errors"
import { HoldRows } from "../components/hold-rows"
import { formatMoney, formatTime } from "../lib/format"
import { useAlliancePayOrder, useCreditMemos, useRefreshWithOrder } from "../lib/hooks"
import { summariseRefunds } from "../lib/refund-summary"

/**
 * The Alliance Pay card at the top of the order's side column: the payment's state, its bank
 * order, Check Payment Status and Credit Memo; operations, refunds and memos one click away.
 */
const AlliancePayOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t, i18n } = useTranslation()
  const { data, error, isLoading } = useAlliancePayOrder(order.id)
  const { data: memos } = useCreditMemos(order.id, !!data)
  useRefreshWithOrder(order.id)
  // 400: the order was not paid with Alliance Pay, so the panel has nothing to show
  if (httpStatusOf(error) === 400) return null
  const current = data?.current
  const reason = current && current.state !== "captured" && current.state !== "authorized" && !current.hold ? bankOrderReason(t, current) : null
  const note = current ? orderNote(t, data.note, current) : null
  const refunds = current ? summariseRefunds(current) : null
  const money = (amount: string) => formatMoney(amount, current!.currency_code, i18n.language)

  return (
    // Medusa 2.21's layout composer ignores the zone's ".before" and puts widgets after the column's
    // own sections; outside "Edit layout" the card is a direct flex item of the side column, so
    // `order` lifts it to the top (in "Edit layout" the composer wraps it and it can be moved)
    <Container className="divide-y p-0" style={{ order: -1 }} data-testid="alliancepay-panel">
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Heading level="h2">{t("alliancePay.panel.title")}</Heading>
        {current && refunds && <PaymentStateBadge state={refunds.shownState} />}
      </div>
      {isLoading && (
        <div className="px-6 py-4" aria-label={t("alliancePay.panel.loading")}>
          <Skeleton className="h-16 w-full" />
        </div>
      )}
      {error && <ErrorState error={error} />}
      {current && (
        <div className="py-1">
          <DetailRow label={t("alliancePay.panel.bankOrder")}>
            <span className="font-mono break-all" data-testid="alliancepay-hpp-order-id">
              {current.hpp_order_id ?? "—"}
            </span>
          </DetailRow>
          <DetailRow label={t("alliancePay.panel.amount")}>
            <span data-testid="alliancepay-amount">{money(current.amount)}</span>
          </DetailRow>
          {refunds?.refunded && (
            <DetailRow label={t("alliancePay.panel.refunded")}>
              <span data-testid="alliancepay-refunded">{money(refunds.refunded)}</span>
              {refunds.pending && (
                <Text size="small" className="text-ui-fg-muted" data-testid="alliancepay-refund-pending">
                  {t("alliancePay.panel.refundPending", { amount: money(refunds.pending) })}
                </Text>
              )}
            </DetailRow>
          )}
          {data.order_status === "canceled" && !note && (
            <DetailRow label={t("alliancePay.panel.order")}>
              <span data-testid="alliancepay-order-status">{t("alliancePay.panel.orderCanceled")}</span>
            </DetailRow>
          )}
          <DetailRow label={t("alliancePay.panel.bankStatus")}>
            <span data-testid="alliancepay-bank-status">{bankOrderStatus(t, current.bank_status)}</span>
            {refunds?.bankStatusStale && (
              <Text size="small" className="text-ui-fg-muted" data-testid="alliancepay-bank-status-stale">
                {t("alliancePay.panel.readBeforeRefund")}
              </Text>
            )}
          </DetailRow>
          {current.hold && <HoldRows hold={current.hold} currency={current.currency_code} />}
          {/* the note already says why when the plugin canceled the order: one reason, said once */}
          {(note || reason) && (
            <DetailRow label={t("alliancePay.panel.failureReason")}>
              <Text size="small" className="text-ui-fg-error" data-testid="alliancepay-reason">
                {note ?? reason}
              </Text>
            </DetailRow>
          )}
          <DetailRow label={t("alliancePay.panel.lastSync")}>
            <span data-testid="alliancepay-last-sync">
              {current.last_synced_at ? formatTime(current.last_synced_at, i18n.language) : t("alliancePay.panel.never")}
            </span>
          </DetailRow>
        </div>
      )}
      {!error && (
        <div className="flex flex-wrap items-center gap-2 px-6 py-4">
          <CheckStatusButton orderId={order.id} />
          {memos?.can_credit && current?.state === "captured" && <CreditMemoDrawer orderId={order.id} view={memos} />}
          {data && <PaymentDetailsDrawer view={data} memos={memos} />}
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.before" })

export default AlliancePayOrderWidget
