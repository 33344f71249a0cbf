import type { PaymentRowView, PaymentsPageView } from "../../workflows/admin-views/payments"
import { sdk } from "./sdk"

export type { PaymentRowView, PaymentsPageView }

export interface PaymentsFilters {
  q?: string
  state?: string
  needs_attention?: boolean
  from?: string
  to?: string
  limit: number
  offset: number
}

const BASE = "/admin/alliance-pay/payments"

export const paymentsKeys = {
  all: ["alliance-pay", "payments"] as const,
  page: (filters: PaymentsFilters) => ["alliance-pay", "payments", "page", filters] as const,
  attention: ["alliance-pay", "payments", "attention"] as const,
}

const query = (filters: PaymentsFilters) => {
  const params: Record<string, string | number> = { limit: filters.limit, offset: filters.offset }
  if (filters.q?.trim()) params.q = filters.q.trim()
  if (filters.state) params.state = filters.state
  if (filters.needs_attention) params.needs_attention = "true"
  if (filters.from) params.from = filters.from
  if (filters.to) params.to = filters.to
  return params
}

export const fetchPayments = (filters: PaymentsFilters) => sdk.client.fetch<PaymentsPageView>(BASE, { query: query(filters) })

export const fetchAttentionCount = () => sdk.client.fetch<{ count: number }>(`${BASE}/attention`).then((r) => r.count)

export const recheckPayment = (id: string) => sdk.client.fetch<{ message: string }>(`${BASE}/${id}/recheck`, { method: "POST", body: {} })

export const refundOrphan = (id: string) => sdk.client.fetch<{ message: string }>(`${BASE}/${id}/refund-orphan`, { method: "POST", body: {} })

export const resolvePayment = (id: string, note: string) => sdk.client.fetch<{ message: string }>(`${BASE}/${id}/resolve`, { method: "POST", body: { note } })

/** The export is a file: the browser downloads it with the admin's own session cookie. */
export const exportUrl = (from: string, to: string) => `${import.meta.env.VITE_BACKEND_URL || ""}${BASE}/export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
