import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fromKopecks } from "../../core/bank"
import { movedKopecks } from "../../core/bank-state"
import { kopecksOf } from "../credit-memo/order-refund-state"
import { reasonsOf, type AttentionReason, type PaymentsFilter } from "../../modules/alliance-pay/payments-query"
import type { HistoryEntry } from "../../modules/alliance-pay/history"
import type { OperationSummary } from "../../modules/alliance-pay/operation-summary"
import type { BankRefundRecord } from "../../modules/alliance-pay/types"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"

export type { AttentionReason }

/** One bank order on the payments page: the bank's figures beside Medusa's, and what needs doing. */
export interface PaymentRowView {
  id: string
  hpp_order_id: string | null
  state: string
  bank_status: string | null
  currency_code: string
  /** what the shopper was asked to pay, at the bank */
  amount: string
  created_at: string
  expires_at: string | null
  /** Medusa's session moved on from this bank order */
  detached: boolean
  cart_id: string | null
  rrn: string | null
  order: { id: string; display_id: number | null; status: string | null } | null
  /** Medusa's payment that carries this bank order, if any */
  medusa: { payment_id: string; captured: string; refunded: string } | null
  /** refunds at the bank (succeeded / pending or of unknown outcome) and recorded offline */
  refunds: { bank: string; pending: string; offline: string; unknown: number }
  /** Medusa's figures and the bank's differ */
  disagree: boolean
  needs_attention: AttentionReason[]
  auto_refund_at: string | null
  history: HistoryEntry[]
}

export interface PaymentsPageView {
  payments: PaymentRowView[]
  count: number
  limit: number
  offset: number
  needs_attention: number
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of query.graph, read field by field
type Row = Record<string, any>
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/** Medusa's payments, keyed by the bank order their data points at (a session may have had several). */
async function medusaPayments(container: MedusaContainer, sessionIds: string[]) {
  const byBankOrder = new Map<string, { payment_id: string; captured: number; refunded: number; collection: string }>()
  if (!sessionIds.length) return { byBankOrder, orders: new Map<string, Row>(), cartCollections: new Map<string, string>() }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sessions } = await query.graph({
    entity: "payment_session",
    fields: ["id", "payment_collection_id", "payment.id", "payment.data", "payment.captures.raw_amount", "payment.refunds.raw_amount"],
    filters: { id: sessionIds },
  })
  const sum = (rows: Row[] | null | undefined) => (rows ?? []).reduce((acc, r) => acc + kopecksOf(r?.raw_amount ?? r?.amount), 0)
  for (const session of sessions as Row[]) {
    const payment = session.payment
    const bankOrderId = payment?.data?.bank_order_id
    if (payment && typeof bankOrderId === "string") {
      byBankOrder.set(bankOrderId, { payment_id: payment.id, captured: sum(payment.captures), refunded: sum(payment.refunds), collection: session.payment_collection_id })
    }
  }
  const collections = [...new Set((sessions as Row[]).map((s) => s.payment_collection_id).filter(Boolean))]
  const orders = new Map<string, Row>()
  if (collections.length) {
    const { data: links } = await query.graph({ entity: "order_payment_collection", fields: ["order_id", "payment_collection_id"], filters: { payment_collection_id: collections } })
    const orderIds = (links as Row[]).map((l) => l.order_id)
    if (orderIds.length) {
      const { data } = await query.graph({ entity: "order", fields: ["id", "display_id", "status"], filters: { id: orderIds } })
      const byId = new Map((data as Row[]).map((o) => [o.id, o]))
      for (const link of links as Row[]) if (byId.has(link.order_id)) orders.set(link.payment_collection_id, byId.get(link.order_id)!)
    }
  }
  const sessionCollections = new Map((sessions as Row[]).map((s) => [s.id as string, s.payment_collection_id as string]))
  return { byBankOrder, orders, cartCollections: sessionCollections }
}

function purchaseRrn(operations: unknown): string | null {
  const ops = Array.isArray(operations) ? (operations as OperationSummary[]) : []
  return ops.find((op) => op.type === "PURCHASE" && op.status === "SUCCESS")?.rrn ?? null
}

function refundTotals(refunds: BankRefundRecord[]) {
  const of = (pred: (r: BankRefundRecord) => boolean) => refunds.filter(pred).reduce((acc, r) => acc + Number(r.coin_amount), 0)
  return {
    bank: of((r) => r.kind === "bank" && r.state === "succeeded"),
    pending: of((r) => r.kind === "bank" && (r.state === "pending" || r.state === "requested" || r.state === "unknown")),
    offline: of((r) => r.kind === "offline" && r.state === "recorded"),
    unknown: refunds.filter((r) => r.state === "unknown").length,
  }
}

export async function paymentsPage(container: MedusaContainer, filter: PaymentsFilter): Promise<PaymentsPageView> {
  const alliancePay = alliancePayModule(container)
  const { rows, count } = await alliancePay.listPaymentsPage(filter)
  const ids = rows.map((r) => r.id as string)
  const [refunds, medusa, needs] = await Promise.all([
    ids.length ? alliancePay.listBankRefunds({ bank_order_id: ids }) : Promise.resolve([] as BankRefundRecord[]),
    medusaPayments(container, [...new Set(rows.map((r) => r.payment_session_id as string))]),
    alliancePay.countNeedingAttention(),
  ])
  const payments = rows.map((row): PaymentRowView => {
    const money = (k: number) => fromKopecks(k)
    const totals = refundTotals(refunds.filter((r) => r.bank_order_id === row.id))
    const payment = medusa.byBankOrder.get(row.id)
    const order = medusa.orders.get(payment?.collection ?? medusa.cartCollections.get(row.payment_session_id) ?? "") ?? null
    const amount = Number(row.coin_amount)
    const disagree = !!payment && row.state === "captured" && (payment.captured !== amount || payment.refunded !== movedKopecks(refunds, row.id))
    return {
      id: row.id,
      hpp_order_id: row.hpp_order_id,
      state: row.state,
      bank_status: row.bank_status,
      currency_code: row.currency_code,
      amount: money(amount),
      created_at: iso(row.created_at)!,
      expires_at: iso(row.expires_at),
      detached: !!row.detached_at,
      cart_id: row.cart_id,
      rrn: purchaseRrn(row.operations),
      order: order && (payment || !row.detached_at) ? { id: order.id, display_id: order.display_id ?? null, status: order.status ?? null } : null,
      medusa: payment ? { payment_id: payment.payment_id, captured: money(payment.captured), refunded: money(payment.refunded) } : null,
      refunds: { bank: money(totals.bank), pending: money(totals.pending), offline: money(totals.offline), unknown: totals.unknown },
      disagree,
      needs_attention: reasonsOf(row),
      auto_refund_at: iso(row.auto_refund_at),
      history: Array.isArray(row.history) ? row.history : [],
    }
  })
  return { payments, count, limit: filter.limit, offset: filter.offset, needs_attention: needs }
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value)
  // a leading = + - @ would be run as a formula by a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const CSV_HEADER = ["created_at", "bank_order_id", "rrn", "medusa_order", "state", "currency", "amount", "refunded_at_bank", "refunded_offline", "needs_attention"]

/** The accountant's export: hryvnias with two decimals, one bank order a line. */
export function paymentsCsv(rows: PaymentRowView[]): string {
  const lines = rows.map((r) =>
    [
      r.created_at,
      r.hpp_order_id,
      r.rrn,
      r.order?.display_id ?? "",
      r.state,
      r.currency_code.toUpperCase(),
      r.amount,
      r.refunds.bank,
      r.refunds.offline,
      r.needs_attention.join(" "),
    ]
      .map(csvCell)
      .join(",")
  )
  return [CSV_HEADER.join(","), ...lines].join("\r\n") + "\r\n"
}
