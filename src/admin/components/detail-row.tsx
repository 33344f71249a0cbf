import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** One label/value line, laid out like the dashboard's own detail sections. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-3">
      <Text size="small" leading="compact" weight="plus">
        {label}
      </Text>
      <div className="txt-compact-small break-words">{children}</div>
    </div>
  )
}
