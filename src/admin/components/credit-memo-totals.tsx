import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { fromKopecks } from "../../core/bank/money"
import type { CreditMemoPreview } from "../lib/credit-memo-form"
import { formatMoney } from "../lib/format"

/** The live totals of the drawer: a preview, the server computes the memo again. */
export function CreditMemoTotals({ preview, currency, refundable }: { preview: CreditMemoPreview; currency: string; refundable: string }) {
  const { t, i18n } = useTranslation()
  const money = (kopecks: number) => formatMoney(fromKopecks(kopecks), currency, i18n.language)
  const rows: [string, string][] = [
    [t("alliancePay.creditMemo.itemsTotal"), money(preview.items)],
    [t("alliancePay.creditMemo.shipping"), money(preview.shipping)],
    [t("alliancePay.creditMemo.adjustmentRefund"), money(preview.adjustmentRefund)],
    [t("alliancePay.creditMemo.adjustmentFee"), `−${money(preview.adjustmentFee)}`],
  ]
  return (
    <div className="flex flex-col gap-y-1" data-testid="alliancepay-credit-memo-totals">
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between">
          <Text size="small" className="text-ui-fg-subtle">
            {label}
          </Text>
          <Text size="small">{value}</Text>
        </div>
      ))}
      <div className="flex justify-between border-t pt-2">
        <Text size="small" weight="plus">
          {t("alliancePay.creditMemo.grandTotal")}
        </Text>
        <Text size="small" weight="plus" data-testid="alliancepay-credit-memo-total">
          {money(preview.total)}
        </Text>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t("alliancePay.creditMemo.leftOnPayment", { amount: formatMoney(refundable, currency, i18n.language) })}
      </Text>
    </div>
  )
}
