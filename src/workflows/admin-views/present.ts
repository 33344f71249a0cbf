import { fromKopecks, parseBankDate } from "../../core/bank"
import { holdUrgency } from "../../core/bank-state/hold"
import type { OperationSummary } from "../../modules/alliance-pay/operation-summary"
import type { BankOrderRecord, BankRefundRecord } from "../../modules/alliance-pay/types"
import type { BankOrderView, HoldView, OperationView, RefundView } from "./types"

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

/** Bank dates come in the bank's own formats; the panel wants ISO (or the text, if unreadable). */
function bankTime(text: string | null): string | null {
  if (!text) return null
  const ms = parseBankDate(text)
  return ms === undefined ? text : new Date(ms).toISOString()
}

export function presentOperation(op: OperationSummary, currency: string): OperationView {
  return {
    type: op.type,
    status: op.status,
    amount: typeof op.coin_amount === "number" ? fromKopecks(op.coin_amount) : null,
    currency_code: currency,
    rrn: op.rrn,
    approval_code: op.approval_code,
    card_mask: op.card_mask,
    payment_method: op.payment_method,
    payment_system: op.payment_system,
    description: op.description ?? op.error_details,
    action_code: op.action_code ?? null,
    response_code: op.response_code ?? null,
    time: bankTime(op.modified_at ?? op.created_at),
  }
}

export function presentRefund(refund: BankRefundRecord, currency: string): RefundView {
  return {
    id: refund.id,
    state: refund.state,
    kind: refund.kind,
    amount: fromKopecks(Number(refund.coin_amount)),
    currency_code: currency,
    medusa_refund_id: refund.refund_id,
    error_details: refund.error_details,
    requested_at: iso((refund as { created_at?: Date | string }).created_at),
    last_synced_at: iso(refund.last_synced_at),
  }
}

/** One bank order as the panel shows it: a fixed list of fields, so nothing else can leak. */
export function presentBankOrder(record: BankOrderRecord, refunds: BankRefundRecord[]): BankOrderView {
  const currency = record.currency_code
  const operations = Array.isArray(record.operations) ? (record.operations as unknown as OperationSummary[]) : []
  return {
    id: record.id,
    hpp_order_id: record.hpp_order_id,
    state: record.state,
    bank_status: record.bank_status,
    amount: fromKopecks(Number(record.coin_amount)),
    currency_code: currency,
    detached_at: iso(record.detached_at),
    attention: record.attention,
    auto_refund_at: iso(record.auto_refund_at),
    expires_at: iso(record.expires_at),
    status_url: record.status_url,
    failure_reason: record.failure_reason,
    created_at: iso((record as { created_at?: Date | string }).created_at),
    last_synced_at: iso(record.last_synced_at),
    operations: operations.map((op) => presentOperation(op, currency)),
    refunds: refunds.filter((r) => r.bank_order_id === record.id).map((r) => presentRefund(r, currency)),
    hold: presentHold(record),
  }
}

function presentHold(record: BankOrderRecord, now = Date.now()): HoldView | null {
  if (!record.hold_operation_id) return null
  const history = Array.isArray(record.history) ? (record.history as { action?: string }[]) : []
  const uncaptured = record.state === "authorized" || record.state === "expired"
  return {
    amount: fromKopecks(Number(record.coin_amount)),
    captured_amount: record.captured_coin_amount != null ? fromKopecks(Number(record.captured_coin_amount)) : null,
    expires_at: iso(record.hold_expires_at),
    urgency: uncaptured ? holdUrgency(record.hold_expires_at, now) : null,
    canceled_while_held: history.some((h) => h.action === "hold_canceled"),
  }
}
