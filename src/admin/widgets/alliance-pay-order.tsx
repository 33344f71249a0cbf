import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { BankOrderDetails } from "../components/bank-order-details"
import { BankOrderHistory } from "../components/bank-order-history"
import { CheckStatusButton } from "../components/check-status-button"
import { CreditMemoDrawer } from "../components/credit-memo-drawer"
import { CreditMemosList } from "../components/credit-memos-list"
import { ErrorState } from "../components/error-state"
import { OperationsTable } from "../components/operations-table"
import { PaymentStateBadge } from "../components/payment-state-badge"
import { RefundsList } from "../components/refunds-list"
import { httpStatusOf } from "../lib/errors"
import { useAlliancePayOrder, useCreditMemos } from "../lib/hooks"

/** The bank's view of the order's Alliance Pay payment, with "Check Payment Status" and "Credit Memo". */
const AlliancePayOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t } = useTranslation()
  const { data, error, isLoading } = useAlliancePayOrder(order.id)
  const { data: memos } = useCreditMemos(order.id, !!data)
  // 400: the order was not paid with Alliance Pay, so the panel has nothing to show
  if (httpStatusOf(error) === 400) return null

  return (
    <Container className="divide-y p-0" data-testid="alliancepay-panel">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("alliancePay.panel.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("alliancePay.panel.subtitle")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          {data && <PaymentStateBadge state={data.current.state} />}
          {!error && <CheckStatusButton orderId={order.id} />}
          {memos?.can_credit && data?.current.state === "captured" && <CreditMemoDrawer orderId={order.id} view={memos} />}
        </div>
      </div>
      {isLoading && (
        <div className="px-6 py-4" aria-label={t("alliancePay.panel.loading")}>
          <Skeleton className="h-16 w-full" />
        </div>
      )}
      {error && <ErrorState error={error} />}
      {data && (
        <>
          <BankOrderDetails bankOrder={data.current} note={data.note} />
          <OperationsTable operations={data.current.operations} />
          <RefundsList refunds={data.current.refunds} />
          {memos && <CreditMemosList view={memos} />}
          <BankOrderHistory bankOrders={data.history} />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details" })

export default AlliancePayOrderWidget
