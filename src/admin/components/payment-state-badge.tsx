import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

type Color = "green" | "red" | "orange" | "grey" | "blue"

const COLOR: Record<string, Color> = {
  captured: "green",
  partially_refunded: "orange",
  refunded: "red",
  authorized: "blue",
  pending: "orange",
  in_progress: "orange",
  creating: "grey",
  failed: "red",
  expired: "red",
  mismatch: "red",
  create_failed: "red",
}

export function PaymentStateBadge({ state }: { state: string }) {
  const { t } = useTranslation()
  return (
    <StatusBadge color={COLOR[state] ?? "grey"} data-testid="alliancepay-state" data-state={state}>
      {t(`alliancePay.states.${state}`, { defaultValue: state })}
    </StatusBadge>
  )
}
