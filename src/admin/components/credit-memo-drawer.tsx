import { Button, Drawer, Label, Select, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { fromKopecks, toKopecks } from "../../core/bank/money"
import type { CreateCreditMemoResponse, CreditMemoBody, OrderCreditMemosView } from "../lib/api"
import { creditMemoBody, emptyForm, previewCreditMemo, type CreditMemoForm } from "../lib/credit-memo-form"
import { describeError, httpStatusOf } from "../lib/errors"
import { formatMoney } from "../lib/format"
import { useCreateCreditMemo, useRefundReasons } from "../lib/hooks"
import { CreditMemoAmountField } from "./credit-memo-amount-field"
import { CreditMemoItemsTable } from "./credit-memo-items-table"
import { CreditMemoTotals } from "./credit-memo-totals"

const NO_REASON = "none"

/** "Credit Memo": choose items, shipping and adjustments, then Refund (through the bank) or Refund Offline. */
export function CreditMemoDrawer({ orderId, view }: { orderId: string; view: OrderCreditMemosView }) {
  const { t, i18n } = useTranslation()
  const prompt = usePrompt()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<CreditMemoForm>(emptyForm)
  const reasons = useRefundReasons(open)
  const create = useCreateCreditMemo(orderId)
  const currency = view.currency_code
  const preview = previewCreditMemo(view, form)
  const money = (kopecks: number) => formatMoney(fromKopecks(kopecks), currency, i18n.language)
  const set = (patch: Partial<CreditMemoForm>) => setForm((f) => ({ ...f, ...patch }))
  const overPayment = preview.total > toKopecks(view.refundable)
  // pay-by-bank: the bank's API cannot return a transfer, so only Refund Offline is offered
  const offlineOnly = !!view.online_refund_unavailable
  const problem = preview.invalid.length
    ? t("alliancePay.creditMemo.invalidInput")
    : preview.total <= 0
      ? t("alliancePay.creditMemo.notPositive")
      : overPayment
        ? t("alliancePay.creditMemo.overPayment")
        : null

  const done = (answer: CreateCreditMemoResponse) => {
    const amount = formatMoney(answer.credit_memo.total, currency, i18n.language)
    const key = answer.credit_memo.mode === "offline" ? "doneOffline" : answer.credit_memo.status === "refunded" ? "doneOnline" : "donePending"
    toast.success(t("alliancePay.creditMemo.open"), { description: t(`alliancePay.creditMemo.${key}`, { amount }) })
    setOpen(false)
    setForm(emptyForm())
  }

  const submit = async (mode: CreditMemoBody["mode"]) => {
    const amount = money(preview.total)
    const confirmed = await prompt({
      title: t(mode === "online" ? "alliancePay.creditMemo.confirmOnlineTitle" : "alliancePay.creditMemo.confirmOfflineTitle"),
      description: t(mode === "online" ? "alliancePay.creditMemo.confirmOnline" : "alliancePay.creditMemo.confirmOffline", { amount }),
      confirmText: t("alliancePay.creditMemo.confirm"),
      cancelText: t("alliancePay.creditMemo.cancel"),
      variant: "confirmation",
    })
    if (!confirmed) return
    create.mutate(creditMemoBody(mode, form), {
      onSuccess: done,
      onError: (error) => {
        // 422: the bank refused; the failed memo is recorded and listed in the panel
        if (httpStatusOf(error) === 422) {
          toast.error(t("alliancePay.creditMemo.refused"), { description: (error as Error).message })
          setOpen(false)
          return
        }
        const { title, detail } = describeError(error, t)
        toast.error(title, { description: detail })
      },
    })
  }

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" title={t("alliancePay.creditMemo.openHint")} data-testid="alliancepay-credit-memo-open">
          {t("alliancePay.creditMemo.open")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content className="max-w-[720px]" data-testid="alliancepay-credit-memo-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("alliancePay.creditMemo.title")}</Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle txt-small">{t("alliancePay.creditMemo.description")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              {t("alliancePay.creditMemo.itemsTitle")}
            </Text>
            <CreditMemoItemsTable
              items={view.items}
              currency={currency}
              quantities={form.quantities}
              invalid={preview.invalid}
              onChange={(itemId, quantity) => set({ quantities: { ...form.quantities, [itemId]: quantity } })}
            />
          </div>
          <div className="grid grid-cols-3 gap-4">
            <CreditMemoAmountField
              id="alliancepay-credit-memo-shipping"
              label={t("alliancePay.creditMemo.shipping")}
              hint={t("alliancePay.creditMemo.upTo", { amount: formatMoney(view.shipping.refundable, currency, i18n.language) })}
              value={form.shipping}
              invalid={preview.invalid.includes("shipping")}
              onChange={(shipping) => set({ shipping })}
            />
            <CreditMemoAmountField
              id="alliancepay-credit-memo-adjustment-refund"
              label={t("alliancePay.creditMemo.adjustmentRefund")}
              value={form.adjustmentRefund}
              invalid={preview.invalid.includes("adjustmentRefund")}
              onChange={(adjustmentRefund) => set({ adjustmentRefund })}
            />
            <CreditMemoAmountField
              id="alliancepay-credit-memo-adjustment-fee"
              label={t("alliancePay.creditMemo.adjustmentFee")}
              value={form.adjustmentFee}
              invalid={preview.invalid.includes("adjustmentFee")}
              onChange={(adjustmentFee) => set({ adjustmentFee })}
            />
          </div>
          <div className="grid grid-cols-2 gap-4">
            <div className="flex flex-col gap-y-1">
              <Label size="small" weight="plus">
                {t("alliancePay.creditMemo.reason")}
              </Label>
              <Select value={form.reasonId || NO_REASON} onValueChange={(v) => set({ reasonId: v === NO_REASON ? "" : v })}>
                <Select.Trigger data-testid="alliancepay-credit-memo-reason">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value={NO_REASON}>{t("alliancePay.creditMemo.noReason")}</Select.Item>
                  {(reasons.data ?? []).map((reason) => (
                    <Select.Item key={reason.id} value={reason.id}>
                      {reason.label}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="alliancepay-credit-memo-note" size="small" weight="plus">
                {t("alliancePay.creditMemo.note")}
              </Label>
              <Textarea
                id="alliancepay-credit-memo-note"
                data-testid="alliancepay-credit-memo-note"
                rows={2}
                placeholder={t("alliancePay.creditMemo.notePlaceholder")}
                value={form.note}
                onChange={(e) => set({ note: e.target.value })}
              />
            </div>
          </div>
          <CreditMemoTotals preview={preview} currency={currency} refundable={view.refundable} />
          {offlineOnly && (
            <Text size="small" className="text-ui-fg-subtle" data-testid="alliancepay-credit-memo-offline-only">
              {t("alliancePay.creditMemo.offlineOnlyA2A")}
            </Text>
          )}
          {problem && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {problem}
            </Text>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary" disabled={create.isPending}>
              {t("alliancePay.creditMemo.cancel")}
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            variant="secondary"
            disabled={!!problem || create.isPending}
            isLoading={create.isPending && create.variables?.mode === "offline"}
            onClick={() => void submit("offline")}
            data-testid="alliancepay-credit-memo-refund-offline"
          >
            {t("alliancePay.creditMemo.refundOffline")}
          </Button>
          {!offlineOnly && (
            <Button
              size="small"
              disabled={!!problem || create.isPending}
              isLoading={create.isPending && create.variables?.mode === "online"}
              onClick={() => void submit("online")}
              data-testid="alliancepay-credit-memo-refund"
            >
              {t("alliancePay.creditMemo.refund")}
            </Button>
          )}
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
