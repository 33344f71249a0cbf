import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paymentsCsv, paymentsPage, type PaymentRowView } from "../../../../../workflows/admin-views"
import type { AdminAlliancePayPaymentsExportQueryType } from "../../validators"

const PAGE = 200

/** CSV of a date range for the accountant: hryvnias with two decimals, bank order id, RRN, Medusa order number, state. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminAlliancePayPaymentsExportQueryType>, res: MedusaResponse) {
  const { from, to } = req.validatedQuery as AdminAlliancePayPaymentsExportQueryType
  const rows: PaymentRowView[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await paymentsPage(req.scope, { from, to, limit: PAGE, offset })
    rows.push(...page.payments)
    if (page.payments.length < PAGE) break
  }
  const day = (d: Date) => d.toISOString().slice(0, 10)
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="alliance-pay-${day(from)}-${day(to)}.csv"`)
  res.send(paymentsCsv(rows))
}
