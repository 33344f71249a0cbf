import { Button, StatusBadge, Text, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { describeError } from "../lib/errors"
import { formatTime } from "../lib/format"
import { useAuthorizeConnection, useConnection } from "../lib/hooks"
import { DetailRow } from "./detail-row"
import { ErrorState } from "./error-state"

/** The bank device session, and "Authorize by virtual device" as the merchant's connection test. */
export function ConnectionStatus() {
  const { t, i18n } = useTranslation()
  const { data: connection, error, isLoading } = useConnection()
  const authorize = useAuthorizeConnection()
  const onAuthorize = () =>
    authorize.mutate(undefined, {
      onSuccess: () => toast.success(t("alliancePay.connection.title"), { description: t("alliancePay.connection.authorized") }),
      onError: (e) => {
        const { title, detail } = describeError(e, t)
        toast.error(title, { description: detail })
      },
    })
  if (error) return <ErrorState error={error} />
  return (
    <div data-testid="alliancepay-connection">
      <DetailRow label={t("alliancePay.connection.title")}>
        {isLoading || !connection ? (
          "…"
        ) : (
          <StatusBadge color={connection.connected ? "green" : "red"}>
            {t(connection.connected ? "alliancePay.connection.connected" : "alliancePay.connection.disconnected")}
          </StatusBadge>
        )}
      </DetailRow>
      <DetailRow label={t("alliancePay.connection.obtainedAt")}>{formatTime(connection?.obtained_at ?? null, i18n.language)}</DetailRow>
      <DetailRow label={t("alliancePay.connection.expiresAt")}>{formatTime(connection?.expires_at ?? null, i18n.language)}</DetailRow>
      {connection?.last_error && (
        <DetailRow label={t("alliancePay.connection.lastError")}>
          <Text size="small" className="text-ui-fg-error">
            {connection.last_error} ({formatTime(connection.last_error_at, i18n.language)})
          </Text>
        </DetailRow>
      )}
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("alliancePay.connection.authorizeHint")}
        </Text>
        <Button size="small" variant="secondary" isLoading={authorize.isPending} onClick={onAuthorize} data-testid="alliancepay-authorize">
          {t("alliancePay.connection.authorize")}
        </Button>
      </div>
    </div>
  )
}
