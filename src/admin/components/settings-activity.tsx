import { Heading, Skeleton, StatusBadge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatTime } from "../lib/format"
import { useActivity } from "../lib/hooks"
import { DetailRow } from "./detail-row"
import { ErrorState } from "./error-state"

const OUTCOME_COLOR = { verified: "green", unverified: "orange", retry: "orange" } as const

/** The last callback received, the reconciler's last run and its backlog (Settings → Alliance Pay). */
export function SettingsActivity() {
  const { t, i18n } = useTranslation()
  const { data, error, isLoading } = useActivity()
  const a = (key: string, values?: Record<string, unknown>) => t(`alliancePay.settings.activity.${key}`, values)
  const time = (iso: string | null) => formatTime(iso, i18n.language)
  if (error) return <ErrorState error={error} />
  const callback = data?.last_callback
  const run = data?.reconciler
  return (
    <div data-testid="alliancepay-activity" data-loaded={data ? "true" : "false"}>
      <div className="px-6 py-4">
        <Heading level="h2">{a("title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {a("hint")}
        </Text>
      </div>
      {isLoading && (
        <div className="px-6 py-4" aria-label={a("loading")}>
          <Skeleton className="h-24 w-full" />
        </div>
      )}
      {data && (
        <>
          <DetailRow label={a("lastCallback")}>
            <div data-testid="alliancepay-last-callback" data-outcome={callback?.outcome ?? ""}>
              {callback ? (
                <div className="flex flex-col gap-y-1">
                  <span>{time(callback.received_at)}</span>
                  {callback.hpp_order_id && <span className="font-mono break-all">{a("bankOrder", { id: callback.hpp_order_id })}</span>}
                  <StatusBadge color={OUTCOME_COLOR[callback.outcome]}>{a(`callbackOutcome.${callback.outcome}`)}</StatusBadge>
                </div>
              ) : (
                a("noCallback")
              )}
            </div>
          </DetailRow>
          <DetailRow label={a("reconciler")}>
            <div data-testid="alliancepay-reconciler" data-outcome={run?.outcome ?? ""}>
              {run ? (
                <div className="flex flex-col gap-y-1">
                  <span>{a("runTimes", { started: time(run.started_at), finished: time(run.finished_at) })}</span>
                  <span>{a("runCounts", { checked: run.checked, changed: run.changed, failed: run.failed })}</span>
                  {run.error && <span className="text-ui-fg-error">{a("runFailed", { error: run.error })}</span>}
                </div>
              ) : (
                a("noRun")
              )}
            </div>
          </DetailRow>
          <DetailRow label={a("backlog")}>
            <div className="flex flex-col gap-y-1" data-testid="alliancepay-backlog" data-due={data.backlog.due}>
              <span>{a("backlogCounts", { due: data.backlog.due, followed: data.backlog.followed })}</span>
              {data.backlog.oldest_due_at && <span>{a("oldestDue", { time: time(data.backlog.oldest_due_at) })}</span>}
            </div>
          </DetailRow>
        </>
      )}
    </div>
  )
}
