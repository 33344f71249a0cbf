import { Button, Input, Label, Select, Switch } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { exportUrl, type PaymentsFilters } from "../../lib/payments-api"

const STATES = ["pending", "in_progress", "captured", "failed", "expired", "mismatch", "create_failed"]
const ANY = "any"

export function PaymentsFiltersBar({ filters, onChange }: { filters: PaymentsFilters; onChange: (patch: Partial<PaymentsFilters>) => void }) {
  const { t } = useTranslation()
  const set = (patch: Partial<PaymentsFilters>) => onChange({ ...patch, offset: 0 })
  const canExport = !!filters.from && !!filters.to
  return (
    <div className="flex flex-wrap items-end gap-3 px-6 py-4">
      <div className="w-64">
        <Input
          type="search"
          placeholder={t("alliancePay.payments.search")}
          value={filters.q ?? ""}
          onChange={(e) => set({ q: e.target.value })}
          data-testid="alliancepay-payments-search"
        />
      </div>
      <div className="w-48">
        <Select value={filters.state ?? ANY} onValueChange={(v) => set({ state: v === ANY ? undefined : v })}>
          <Select.Trigger>
            <Select.Value placeholder={t("alliancePay.payments.state")} />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ANY}>{t("alliancePay.payments.anyState")}</Select.Item>
            {STATES.map((s) => (
              <Select.Item key={s} value={s}>
                {t(`alliancePay.states.${s}`, { defaultValue: s })}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall">{t("alliancePay.payments.from")}</Label>
        <Input type="date" value={filters.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} />
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall">{t("alliancePay.payments.to")}</Label>
        <Input type="date" value={filters.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} />
      </div>
      <div className="flex items-center gap-2">
        <Switch
          id="alliancepay-only-attention"
          checked={!!filters.needs_attention}
          onCheckedChange={(checked) => set({ needs_attention: checked })}
          data-testid="alliancepay-only-attention"
        />
        <Label htmlFor="alliancepay-only-attention" size="small">
          {t("alliancePay.payments.onlyAttention")}
        </Label>
      </div>
      <Button size="small" variant="secondary" disabled={!canExport} title={canExport ? undefined : t("alliancePay.payments.exportHint")} asChild={canExport}>
        {canExport ? <a href={exportUrl(filters.from!, filters.to!)}>{t("alliancePay.payments.export")}</a> : <span>{t("alliancePay.payments.export")}</span>}
      </Button>
    </div>
  )
}
