import { Badge, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useSettings } from "../lib/hooks"
import { DetailRow } from "./detail-row"
import { ErrorState } from "./error-state"

const Mono = ({ children }: { children: string }) => <span className="font-mono break-all">{children}</span>

/** The whole configuration as the server runs it: service code masked, the private key never shown. */
export function SettingsConfiguration() {
  const { t } = useTranslation()
  const { data, error } = useSettings()
  if (error) return <ErrorState error={error} />
  const s = (key: string) => t(`alliancePay.settings.${key}`)
  return (
    <div data-testid="alliancepay-configuration">
      <div className="px-6 py-4">
        <Heading level="h2">{s("configuration")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {s("configurationHint")}
        </Text>
      </div>
      {data && (
        <>
          <DetailRow label={s("merchantId")}>
            <Mono>{data.merchant_id}</Mono>
          </DetailRow>
          <DetailRow label={s("serviceCode")}>
            <Mono>{data.service_code}</Mono>
          </DetailRow>
          <DetailRow label={s("privateKey")}>{s("keySet")}</DetailRow>
          <DetailRow label={s("apiUrl")}>
            <Mono>{data.api_url}</Mono>
          </DetailRow>
          {data.providers.map((p) => (
            <div key={p.id} data-testid="alliancepay-provider-settings">
              <DetailRow label={s("callbackUrl")}>
                <Mono>{p.callback_url}</Mono>
              </DetailRow>
              <DetailRow label={s("successUrl")}>
                <Mono>{p.success_url}</Mono>
              </DetailRow>
              <DetailRow label={s("failUrl")}>
                <Mono>{p.fail_url}</Mono>
              </DetailRow>
              <DetailRow label={s("paymentMethods")}>
                <div className="flex flex-wrap gap-1">
                  {p.payment_methods.map((m) => (
                    <Badge key={m} size="2xsmall">
                      {m.replaceAll("_", " ")}
                    </Badge>
                  ))}
                </div>
              </DetailRow>
              <DetailRow label={s("linkLifetime")}>{t("alliancePay.settings.minutes", { count: p.link_lifetime_minutes })}</DetailRow>
              {p.capture_mode && (
                <DetailRow label={t("alliancePay.hold.captureMode")}>
                  <span data-testid="alliancepay-capture-mode">
                    {p.capture_mode === "manual" ? t("alliancePay.hold.captureManual", { count: p.hold_lifetime_hours }) : t("alliancePay.hold.captureAutomatic")}
                  </span>
                </DetailRow>
              )}
              <DetailRow label={s("statusPageType")}>
                <Mono>{p.status_page_type}</Mono>
              </DetailRow>
              <DetailRow label={s("language")}>{p.default_language}</DetailRow>
            </div>
          ))}
        </>
      )}
    </div>
  )
}
