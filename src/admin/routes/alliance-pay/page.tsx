import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { ErrorState } from "../../components/error-state"
import { PaymentsFiltersBar } from "../../components/payments/payments-filters"
import { PaymentsTable } from "../../components/payments/payments-table"
import type { PaymentsFilters } from "../../lib/payments-api"
import { usePayments } from "../../lib/payments-hooks"

const PAGE = 20

/** Alliance Pay payments: every bank order, newest first, what needs attention, and the action that resolves it. */
const AlliancePayPaymentsPage = () => {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<PaymentsFilters>(() => ({
    limit: PAGE,
    offset: 0,
    needs_attention: new URLSearchParams(window.location.search).get("needs_attention") === "true",
  }))
  const { data, error, isLoading } = usePayments(filters)
  const update = (patch: Partial<PaymentsFilters>) => setFilters((f) => ({ ...f, ...patch }))
  return (
    <Container className="divide-y p-0" data-testid="alliancepay-payments-page">
      <div className="flex items-start justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">{t("alliancePay.payments.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("alliancePay.payments.subtitle")}
          </Text>
        </div>
        {data && (
          <Badge color={data.needs_attention ? "red" : "green"} data-testid="alliancepay-attention-count" data-count={data.needs_attention}>
            {data.needs_attention ? t("alliancePay.payments.needsAttentionCount", { count: data.needs_attention }) : t("alliancePay.payments.allClear")}
          </Badge>
        )}
      </div>
      <PaymentsFiltersBar filters={filters} onChange={update} />
      {isLoading ? (
        <div className="px-6 py-4">
          <Skeleton className="h-24 w-full" />
        </div>
      ) : error ? (
        <ErrorState error={error} />
      ) : data && data.payments.length ? (
        <>
          <PaymentsTable rows={data.payments} />
          <div className="flex items-center justify-end gap-3 px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              {t("alliancePay.payments.page", { from: data.offset + 1, to: data.offset + data.payments.length, count: data.count })}
            </Text>
            <Button size="small" variant="secondary" disabled={data.offset === 0} onClick={() => update({ offset: Math.max(0, data.offset - PAGE) })}>
              {t("alliancePay.payments.previous")}
            </Button>
            <Button size="small" variant="secondary" disabled={data.offset + PAGE >= data.count} onClick={() => update({ offset: data.offset + PAGE })}>
              {t("alliancePay.payments.next")}
            </Button>
          </div>
        </>
      ) : (
        <Text className="text-ui-fg-subtle px-6 py-4">{t("alliancePay.payments.empty")}</Text>
      )}
    </Container>
  )
}

// Medusa's menu shows a fixed label; the count of what needs attention is on the page and on the orders list
export const config = defineRouteConfig({ label: "Alliance Pay", icon: CreditCard })

export default AlliancePayPaymentsPage
