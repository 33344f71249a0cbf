import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { ConnectionStatus } from "../../../components/connection-status"

/** Settings → Alliance Pay: the bank connection and "Authorize by virtual device". */
const AlliancePaySettingsPage = () => {
  const { t } = useTranslation()
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">{t("alliancePay.panel.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("alliancePay.connection.settingsDescription")}
        </Text>
      </div>
      <ConnectionStatus />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Alliance Pay" })

export default AlliancePaySettingsPage
