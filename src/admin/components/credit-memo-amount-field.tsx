import { Input, Label, Text } from "@medusajs/ui"

interface Props {
  id: string
  label: string
  hint?: string
  value: string
  invalid: boolean
  onChange: (value: string) => void
}

/** One typed-in amount of the memo (shipping, adjustments), in major units. */
export function CreditMemoAmountField({ id, label, hint, value, invalid, onChange }: Props) {
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      <Input
        id={id}
        size="small"
        inputMode="decimal"
        placeholder="0.00"
        aria-invalid={invalid}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
    </div>
  )
}
