import type { AlliancePayOrderView, CheckStatusResponse, ConnectionStatus } from "../../workflows/admin-views/types"
import type { AlliancePaySettingsView } from "../../api/admin/alliance-pay/settings/types"
import type { AlliancePayActivityViewType as AlliancePayActivityView } from "../../api/admin/alliance-pay/settings/activity/view"
import type { CreateCreditMemoResponse, OrderCreditMemosView } from "../../core/credit-memo/types"
import { sdk } from "./sdk"

export type { AlliancePayOrderView, BankOrderView, CheckStatusResponse, ConnectionStatus, HoldView, OperationView, RefundView } from "../../workflows/admin-views/types"
export type { CreateCreditMemoResponse, CreditMemoView, OrderCreditMemosView, RefundableItemView } from "../../core/credit-memo/types"

/** What the drawer sends: quantities and typed-in amounts only; the server prices the memo. */
export interface CreditMemoBody {
  mode: "online" | "offline"
  items: { item_id: string; quantity: number }[]
  shipping?: string
  adjustment_refund?: string
  adjustment_fee?: string
  refund_reason_id?: string
  note?: string
}

const BASE = "/admin/alliance-pay"

export const alliancePayKeys = {
  order: (orderId: string) => ["alliance-pay", "order", orderId] as const,
  connection: ["alliance-pay", "connection"] as const,
  creditMemos: (orderId: string) => ["alliance-pay", "credit-memos", orderId] as const,
  refundReasons: ["alliance-pay", "refund-reasons"] as const,
}

export const fetchOrderState = (orderId: string) =>
  sdk.client.fetch<{ alliance_pay: AlliancePayOrderView }>(`${BASE}/orders/${orderId}`).then((r) => r.alliance_pay)

export const checkPaymentStatus = (orderId: string) =>
  sdk.client.fetch<CheckStatusResponse>(`${BASE}/orders/${orderId}/check-status`, { method: "POST", body: {} })

export const fetchConnection = () => sdk.client.fetch<{ connection: ConnectionStatus }>(`${BASE}/connection`).then((r) => r.connection)

export const authorizeConnection = () =>
  sdk.client.fetch<{ connection: ConnectionStatus }>(`${BASE}/connection/authorize`, { method: "POST", body: {} }).then((r) => r.connection)

export const fetchCreditMemos = (orderId: string) =>
  sdk.client.fetch<{ credit_memos: OrderCreditMemosView }>(`${BASE}/orders/${orderId}/credit-memos`).then((r) => r.credit_memos)

export const createCreditMemo = (orderId: string, body: CreditMemoBody) =>
  sdk.client.fetch<CreateCreditMemoResponse>(`${BASE}/orders/${orderId}/credit-memos`, { method: "POST", body })

export const fetchRefundReasons = () =>
  sdk.admin.refundReason.list({ limit: 100 }).then((r) => r.refund_reasons.map((reason) => ({ id: reason.id, label: reason.label })))

// ---- issue 15: Settings → Alliance Pay ----
export type { AlliancePaySettingsView }

export interface ConnectionTestResult {
  ok: boolean
  steps: { step: "authorize" | "key" | "read"; ok: boolean | null; detail: string | null }[]
  connection: ConnectionStatus
}

export const settingsKey = ["alliance-pay", "settings"] as const

export const fetchSettings = () =>
  sdk.client
    .fetch<{ settings: AlliancePaySettingsView }>(`${BASE}/settings`)
    .then((r) => r.settings)

export const testConnection = () => sdk.client.fetch<ConnectionTestResult>(`${BASE}/connection/test`, { method: "POST", body: {} })

export type { AlliancePayActivityView }

export const activityKey = ["alliance-pay", "settings", "activity"] as const

export const fetchActivity = () =>
  sdk.client
    .fetch<{ activity: AlliancePayActivityView }>(`${BASE}/settings/activity`)
    .then((r) => r.activity)
