import { Button, Drawer } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { AlliancePayOrderView, OrderCreditMemosView } from "../lib/api"
import { BankOrderDetails } from "./bank-order-details"
import { BankOrderHistory } from "./bank-order-history"
import { CreditMemosList } from "./credit-memos-list"
import { OperationsTable } from "./operations-table"
import { RefundsList } from "./refunds-list"

/** Everything behind the compact card, one click away: operations, refunds, memos, earlier links. */
export function PaymentDetailsDrawer({ view, memos }: { view: AlliancePayOrderView; memos: OrderCreditMemosView | undefined }) {
  const { t } = useTranslation()
  return (
    <Drawer>
      <Drawer.Trigger asChild>
        <Button size="small" variant="transparent" data-testid="alliancepay-details-open">
          {t("alliancePay.card.details")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content className="max-w-[720px]" data-testid="alliancepay-details">
        <Drawer.Header>
          <Drawer.Title>{t("alliancePay.card.detailsTitle")}</Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle txt-small">{t("alliancePay.card.detailsDescription")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="divide-y overflow-y-auto p-0">
          <BankOrderDetails bankOrder={view.current} note={view.note} />
          <OperationsTable operations={view.current.operations} />
          <RefundsList refunds={view.current.refunds} />
          {memos && <CreditMemosList view={memos} />}
          <BankOrderHistory bankOrders={view.history} />
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
