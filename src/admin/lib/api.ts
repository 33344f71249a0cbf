import type { AlliancePayOrderView, CheckStatusResponse, ConnectionStatus } from "../../lib/admin-panel/types"
import { sdk } from "./sdk"

export type { AlliancePayOrderView, BankOrderView, CheckStatusResponse, ConnectionStatus, OperationView, RefundView } from "../../lib/admin-panel/types"

const BASE = "/admin/alliance-pay"

export const alliancePayKeys = {
  order: (orderId: string) => ["alliance-pay", "order", orderId] as const,
  connection: ["alliance-pay", "connection"] as const,
}

export const fetchOrderState = (orderId: string) =>
  sdk.client.fetch<{ alliance_pay: AlliancePayOrderView }>(`${BASE}/orders/${orderId}`).then((r) => r.alliance_pay)

export const checkPaymentStatus = (orderId: string) =>
  sdk.client.fetch<CheckStatusResponse>(`${BASE}/orders/${orderId}/check-status`, { method: "POST", body: {} })

export const fetchConnection = () => sdk.client.fetch<{ connection: ConnectionStatus }>(`${BASE}/connection`).then((r) => r.connection)

export const authorizeConnection = () =>
  sdk.client.fetch<{ connection: ConnectionStatus }>(`${BASE}/connection/authorize`, { method: "POST", body: {} }).then((r) => r.connection)
