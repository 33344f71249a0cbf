import { Button, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { CheckStatusResponse } from "../lib/api"
import { describeError } from "../lib/errors"
import { useCheckPaymentStatus } from "../lib/hooks"

type TFunction = ReturnType<typeof useTranslation>["t"]

/** What the press changed, in the admin's language (the server's English sentence is the fallback detail). */
function summary(answer: CheckStatusResponse, t: TFunction): string {
  const state = (s: string) => t(`alliancePay.states.${s}`, { defaultValue: s })
  if (!answer.changed) return t("alliancePay.check.noChange", { state: state(answer.state) })
  const parts: string[] = []
  if (answer.actions.some((a) => a.type === "captured_payment")) parts.push(t("alliancePay.check.captured"))
  else if (answer.actions.some((a) => a.type === "canceled_order")) parts.push(t("alliancePay.check.canceled"))
  else if (answer.previous !== answer.state) parts.push(t("alliancePay.check.stateChanged", { from: state(answer.previous), to: state(answer.state) }))
  if (answer.refunds.length) parts.push(t("alliancePay.check.refundsChanged", { count: answer.refunds.length }))
  return parts.join(" ") || answer.message
}

export function CheckStatusButton({ orderId }: { orderId: string }) {
  const { t } = useTranslation()
  const check = useCheckPaymentStatus(orderId)
  const onClick = () =>
    check.mutate(undefined, {
      onSuccess: (answer) => {
        const text = summary(answer, t)
        if (answer.changed) toast.success(t("alliancePay.panel.title"), { description: text })
        else toast.info(t("alliancePay.panel.title"), { description: text })
      },
      onError: (error) => {
        const { title, detail } = describeError(error, t)
        toast.error(title, { description: detail })
      },
    })
  return (
    <Button size="small" variant="secondary" isLoading={check.isPending} onClick={onClick} title={t("alliancePay.check.hint")} data-testid="alliancepay-check-status">
      {t("alliancePay.check.button")}
    </Button>
  )
}
