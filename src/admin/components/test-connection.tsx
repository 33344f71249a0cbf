import { Button, StatusBadge, Text, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { describeError } from "../lib/errors"
import { useTestConnection } from "../lib/hooks"

/** Test connection: authorize, key check, one read; each step's outcome stays on the page. */
export function TestConnection() {
  const { t } = useTranslation()
  const test = useTestConnection()
  const onClick = () =>
    test.mutate(undefined, {
      onSuccess: (r) =>
        r.ok
          ? toast.success(t("alliancePay.settings.testConnection"), { description: t("alliancePay.settings.testPassed") })
          : toast.error(t("alliancePay.settings.testFailed")),
      onError: (e) => {
        const { title, detail } = describeError(e, t)
        toast.error(title, { description: detail })
      },
    })
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="alliancepay-test-connection">
      <div className="flex items-center justify-between gap-x-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("alliancePay.settings.testConnectionHint")}
        </Text>
        <Button size="small" variant="secondary" isLoading={test.isPending} onClick={onClick} data-testid="alliancepay-test-connection-button">
          {t("alliancePay.settings.testConnection")}
        </Button>
      </div>
      {test.data && (
        <ul className="flex flex-col gap-y-1">
          {test.data.steps.map((step) => (
            <li key={step.step} className="flex items-center gap-x-2" data-testid="alliancepay-test-step" data-step={step.step} data-ok={String(step.ok)}>
              <StatusBadge color={step.ok ? "green" : step.ok === false ? "red" : "grey"}>{t(`alliancePay.settings.step.${step.step}`)}</StatusBadge>
              {step.detail && (
                <Text size="small" className="font-mono text-ui-fg-subtle break-all">
                  {step.detail}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
