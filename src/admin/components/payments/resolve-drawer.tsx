import { Button, Drawer, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { describeError } from "../../lib/errors"
import { useResolvePayment } from "../../lib/payments-hooks"

/** "Mark resolved": a note that says what was done, kept in the payment's history. */
export function ResolveDrawer({ id, hpp }: { id: string; hpp: string | null }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [note, setNote] = useState("")
  const resolve = useResolvePayment()
  const save = () =>
    resolve.mutate(
      { id, note },
      {
        onSuccess: () => {
          toast.success(t("alliancePay.payments.done"), { description: hpp ?? id })
          setOpen(false)
          setNote("")
        },
        onError: (e) => {
          const { title, detail } = describeError(e, t)
          toast.error(title, { description: detail })
        },
      }
    )
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="alliancepay-resolve">
          {t("alliancePay.payments.resolve")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{t("alliancePay.payments.resolveTitle")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("alliancePay.payments.resolveHint")}
          </Text>
          <Label htmlFor="alliancepay-resolve-note">{t("alliancePay.payments.resolveNote")}</Label>
          <Textarea id="alliancepay-resolve-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary">{t("alliancePay.payments.cancel")}</Button>
          </Drawer.Close>
          <Button onClick={save} isLoading={resolve.isPending} disabled={note.trim().length < 3} data-testid="alliancepay-resolve-save">
            {t("alliancePay.payments.save")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
