import { Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import type { OperationView } from "../lib/api"
import { operationReason, operationStatus, operationType } from "../lib/bank-words"
import { formatMoney, formatTime } from "../lib/format"

const STATUS_COLOR: Record<string, "green" | "red" | "orange"> = { SUCCESS: "green", FAIL: "red" }

/** A main line and a quieter second line, so five columns carry all eight facts. */
function TwoLines({ main, sub, mono }: { main: ReactNode; sub?: ReactNode; mono?: boolean }) {
  return (
    <div className="flex flex-col py-2">
      <span className={mono ? "font-mono" : undefined}>{main}</span>
      {sub && <span className="text-ui-fg-subtle txt-compact-xsmall">{sub}</span>}
    </div>
  )
}

export function OperationsTable({ operations }: { operations: OperationView[] }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  return (
    <div className="px-6 py-4" data-testid="alliancepay-operations">
      <Heading level="h3" className="mb-2">
        {t("alliancePay.operations.title")}
      </Heading>
      {operations.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("alliancePay.operations.empty")}
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("alliancePay.operations.type")}</Table.HeaderCell>
              <Table.HeaderCell>{t("alliancePay.operations.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("alliancePay.operations.amount")}</Table.HeaderCell>
              <Table.HeaderCell>{t("alliancePay.operations.card")}</Table.HeaderCell>
              <Table.HeaderCell>
                {t("alliancePay.operations.rrn")} / {t("alliancePay.operations.approvalCode")}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {operations.map((op, index) => (
              <Table.Row key={`${op.type}-${op.time}-${index}`}>
                <Table.Cell>
                  <TwoLines main={operationType(t, op.type)} sub={[op.type, formatTime(op.time, lng)].join(" · ")} />
                </Table.Cell>
                <Table.Cell>
                  <TwoLines
                    main={
                      <StatusBadge color={STATUS_COLOR[op.status] ?? "orange"} title={op.status}>
                        {operationStatus(t, op.status)}
                      </StatusBadge>
                    }
                    sub={operationReason(t, op)}
                  />
                </Table.Cell>
                <Table.Cell>{formatMoney(op.amount, op.currency_code, lng)}</Table.Cell>
                <Table.Cell>
                  <TwoLines main={op.card_mask ?? "—"} sub={[op.payment_method, op.payment_system].filter(Boolean).join(" · ")} mono />
                </Table.Cell>
                <Table.Cell>
                  <TwoLines main={op.rrn ?? "—"} sub={op.approval_code ?? "—"} mono />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}
