import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { ConnectionStatus } from "../../../components/connection-status"
import { SettingsActivity } from "../../../components/settings-activity"
import { SettingsConfiguration } from "../../../components/settings-configuration"
import { SettingsDocs } from "../../../components/settings-docs"
import { TestConnection } from "../../../components/test-connection"

const DOCS = "https://www.npmjs.com/package/medusa-payment-alliancepay"

/**
 * Settings → Alliance Pay: the bank connection, Test connection and Authorize by virtual device; the last callback,
 * the reconciler's last run and backlog; the configuration; links to the docs.
 */
const AlliancePaySettingsPage = () => {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between gap-x-4 px-6 py-4">
          <div>
            <Heading level="h1">{t("alliancePay.panel.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("alliancePay.connection.settingsDescription")}
            </Text>
          </div>
          <a href={DOCS} target="_blank" rel="noopener noreferrer" className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            {t("alliancePay.settings.docs")} ↗
          </a>
        </div>
        <ConnectionStatus />
        <TestConnection />
      </Container>
      <Container className="divide-y p-0">
        <SettingsActivity />
      </Container>
      <Container className="divide-y p-0">
        <SettingsConfiguration />
      </Container>
      <Container className="divide-y p-0">
        <SettingsDocs />
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Alliance Pay" })

/** The dashboard's breadcrumb: "Settings › Alliance Pay" instead of "Settings" alone. */
export const handle = { breadcrumb: () => "Alliance Pay" }

export default AlliancePaySettingsPage
