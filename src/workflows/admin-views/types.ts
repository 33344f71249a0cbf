/**
 * What the admin routes answer, shared with the admin widget (type-only imports there).
 * Amounts are decimal strings in major units ("2600.99"); times are ISO strings.
 * Nothing here is a secret: no device id, token or key ever reaches these shapes.
 */
import type { ConnectionStatus } from "../../modules/alliance-pay/connection-status"

export type { ConnectionStatus }

export interface OperationView {
  type: string
  status: string
  amount: string | null
  currency_code: string
  rrn: string | null
  approval_code: string | null
  card_mask: string | null
  payment_method: string | null
  payment_system: string | null
  /** the bank's own reason, e.g. "declined: insufficient funds" */
  description: string | null
  /** the bank's codes behind `description` (api §6.5), for the admin's own words */
  action_code: string | null
  response_code: string | null
  time: string | null
}

export interface RefundView {
  id: string
  /** requested, pending, succeeded, failed, unknown (the bank's answer was lost), recorded (offline) */
  state: string
  /** bank: sent to the bank; offline: recorded in the shop only */
  kind: string
  amount: string
  currency_code: string
  /** Medusa's refund id, when the refund was made from Medusa */
  medusa_refund_id: string | null
  error_details: string | null
  requested_at: string | null
  last_synced_at: string | null
}

export interface HoldView {
  amount: string
  /** what the admin's Capture took (80–120 % of the hold), once it did */
  captured_amount: string | null
  /** when the bank releases the hold if it is not captured */
  expires_at: string | null
  /** uncaptured holds only: "expiring" within a day, "expired" once the bank released it */
  urgency: "ok" | "expiring" | "expired" | null
  /** Medusa canceled the payment while the card was held: the money stays blocked until expires_at */
  canceled_while_held: boolean
}

export interface BankOrderView {
  id: string
  hpp_order_id: string | null
  state: string
  bank_status: string | null
  amount: string
  currency_code: string
  /** Medusa's session moved on from this bank order (still followed until the bank closes it) */
  detached_at: string | null
  /** what a human must look at: paid_without_order, refunds_disagree */
  attention: string | null
  /** paid without an order: when the plugin refunds it through the bank */
  auto_refund_at: string | null
  expires_at: string | null
  status_url: string | null
  failure_reason: string | null
  created_at: string | null
  last_synced_at: string | null
  operations: OperationView[]
  refunds: RefundView[]
  /** two-step payments (captureMode "manual"): the card hold; null for a one-step sale */
  hold: HoldView | null
}

export interface AlliancePayOrderView {
  order_id: string
  display_id: number | null
  order_status: string | null
  /** why the plugin canceled the order, when it did: rebuilt from its bank order records, never from order metadata */
  note: string | null
  /** the bank order the payment depends on now */
  current: BankOrderView
  /** earlier bank orders of the same order (replaced when the cart total changed) */
  history: BankOrderView[]
  connection: ConnectionStatus
}

export type ReconcileAction = { type: "captured_payment" | "canceled_order" | "refunded_orphan" | "authorized_payment" | "canceled_payment"; id: string }

export interface CheckStatusResponse {
  changed: boolean
  previous: string
  state: string
  actions: ReconcileAction[]
  refunds: { id: string; from: string; to: string }[]
  /** one English sentence: what changed, or that nothing did */
  message: string
  alliance_pay: AlliancePayOrderView
}

/** The body of every refusal of these routes (as Medusa's own: type + message). */
export interface AdminErrorBody {
  type: string
  message: string
}
