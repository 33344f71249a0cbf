import { Heading } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

const REPO = "https://github.com/medusa-payment-alliancepay/medusa-payment-alliancepay"

const LINKS = [
  ["readme", `${REPO}#readme`],
  ["adminPanel", `${REPO}/blob/main/docs/admin-panel.md`],
  ["background", `${REPO}#working-in-the-background`],
  ["troubleshooting", `${REPO}#troubleshooting-by-bank-error-code`],
] as const

/** Where a merchant reads more: the package's README and docs. */
export function SettingsDocs() {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="alliancepay-docs">
      <Heading level="h2">{t("alliancePay.settings.docsLinks.title")}</Heading>
      <ul className="flex flex-col gap-y-1">
        {LINKS.map(([key, href]) => (
          <li key={key}>
            <a href={href} target="_blank" rel="noopener noreferrer" className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              {t(`alliancePay.settings.docsLinks.${key}`)} ↗
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
