import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { describeError } from "../lib/errors"

export function ErrorState({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const { title, detail } = describeError(error, t)
  return (
    <div className="px-6 py-4" role="alert" data-testid="alliancepay-error">
      <Text size="small" weight="plus" className="text-ui-fg-error">
        {title}
      </Text>
      {detail && (
        <Text size="small" className="text-ui-fg-subtle mt-1">
          {detail}
        </Text>
      )}
    </div>
  )
}
