import { Button, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { describeError } from "../../lib/errors"
import type { PaymentRowView } from "../../lib/payments-api"
import { useRecheckPayment, useRefundOrphan } from "../../lib/payments-hooks"
import { ResolveDrawer } from "./resolve-drawer"

/** The one action that resolves a row: refund money paid without an order, re-check with the bank, or mark resolved. */
export function PaymentRowActions({ row }: { row: PaymentRowView }) {
  const { t } = useTranslation()
  const recheck = useRecheckPayment()
  const refund = useRefundOrphan()
  const feedback = {
    onSuccess: (answer: { message: string }) => toast.success(t("alliancePay.payments.done"), { description: answer.message }),
    onError: (e: unknown) => {
      const { title, detail } = describeError(e, t)
      toast.error(title, { description: detail })
    },
  }
  const orphan = row.needs_attention.includes("paid_without_order")
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {orphan && (
        <Button size="small" variant="danger" isLoading={refund.isPending} onClick={() => refund.mutate(row.id, feedback)} data-testid="alliancepay-refund-orphan">
          {t("alliancePay.payments.refundOrphan")}
        </Button>
      )}
      {row.hpp_order_id && (
        <Button size="small" variant="secondary" isLoading={recheck.isPending} onClick={() => recheck.mutate(row.id, feedback)} data-testid="alliancepay-recheck">
          {t("alliancePay.payments.recheck")}
        </Button>
      )}
      {(row.needs_attention.length > 0 || row.disagree) && <ResolveDrawer id={row.id} hpp={row.hpp_order_id} />}
    </div>
  )
}
