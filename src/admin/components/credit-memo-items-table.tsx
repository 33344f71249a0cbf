import { Input, Table } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { RefundableItemView } from "../lib/api"
import { formatMoney } from "../lib/format"

interface Props {
  items: RefundableItemView[]
  currency: string
  quantities: Record<string, string>
  invalid: string[]
  onChange: (itemId: string, quantity: string) => void
}

/** "Items to Refund": each order item with what is left to refund and the merchant's quantity. */
export function CreditMemoItemsTable({ items, currency, quantities, invalid, onChange }: Props) {
  const { t, i18n } = useTranslation()
  return (
    <Table data-testid="alliancepay-credit-memo-items">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("alliancePay.creditMemo.item")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.creditMemo.price")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.creditMemo.ordered")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.creditMemo.alreadyRefunded")}</Table.HeaderCell>
          <Table.HeaderCell>{t("alliancePay.creditMemo.qtyToRefund")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {items.map((item) => (
          <Table.Row key={item.item_id}>
            <Table.Cell>{item.title}</Table.Cell>
            <Table.Cell>{formatMoney(item.unit_amount, currency, i18n.language)}</Table.Cell>
            <Table.Cell>{item.ordered}</Table.Cell>
            <Table.Cell>{item.refunded_quantity}</Table.Cell>
            <Table.Cell>
              <Input
                size="small"
                type="number"
                min={0}
                max={item.refundable_quantity}
                step={1}
                className="w-20"
                disabled={item.refundable_quantity === 0}
                aria-invalid={invalid.includes(item.item_id)}
                aria-label={`${t("alliancePay.creditMemo.qtyToRefund")}: ${item.title}`}
                data-testid="alliancepay-credit-memo-qty"
                value={quantities[item.item_id] ?? ""}
                placeholder="0"
                onChange={(e) => onChange(item.item_id, e.target.value)}
              />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
