import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { HoldView } from "../lib/api"
import { formatMoney, formatTime } from "../lib/format"
import { DetailRow } from "./detail-row"

/**
 * A two-step payment's card hold on the order card: what is held and until when, what Capture
 * took, and a warning from a day before the bank releases an uncaptured hold.
 */
export function HoldRows({ hold, currency }: { hold: HoldView; currency: string }) {
  const { t, i18n } = useTranslation()
  const until = formatTime(hold.expires_at, i18n.language)
  const warning = hold.canceled_while_held && hold.urgency !== "expired"
    ? t("alliancePay.hold.canceledWhileHeld", { time: until })
    : hold.urgency === "expiring"
      ? t("alliancePay.hold.expiringSoon", { time: until })
      : hold.urgency === "expired"
        ? t("alliancePay.hold.expired", { time: until })
        : null
  return (
    <>
      <DetailRow label={t("alliancePay.hold.heldAmount")}>{formatMoney(hold.amount, currency, i18n.language)}</DetailRow>
      {hold.captured_amount !== null ? (
        <DetailRow label={t("alliancePay.hold.capturedAmount")}>
          <span data-testid="alliancepay-hold-captured">{formatMoney(hold.captured_amount, currency, i18n.language)}</span>
        </DetailRow>
      ) : (
        <DetailRow label={t("alliancePay.hold.heldUntil")}>
          <span data-testid="alliancepay-hold-until">{until}</span>
        </DetailRow>
      )}
      {warning && (
        <div className="px-6 py-3" data-testid="alliancepay-hold-warning" data-urgency={hold.urgency ?? ""}>
          <Text size="small" className={hold.urgency === "ok" ? "text-ui-fg-subtle" : "text-ui-fg-error"}>
            {warning}
          </Text>
        </div>
      )}
      {hold.urgency === "ok" && !hold.canceled_while_held && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-subtle">
            {t("alliancePay.hold.captureHint")}
          </Text>
        </div>
      )}
    </>
  )
}
