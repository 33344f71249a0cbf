import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import {
  activityKey,
  alliancePayKeys,
  fetchActivity,
  authorizeConnection,
  checkPaymentStatus,
  createCreditMemo,
  fetchConnection,
  fetchCreditMemos,
  fetchOrderState,
  fetchRefundReasons,
  fetchSettings,
  settingsKey,
  testConnection,
  type CreditMemoBody,
} from "./api"
import { httpStatusOf } from "./errors"

export function useAlliancePayOrder(orderId: string) {
  return useQuery({
    queryKey: alliancePayKeys.order(orderId),
    queryFn: () => fetchOrderState(orderId),
    // 400 = not an Alliance Pay order, 404 = no such order: asking again will not change that
    retry: (count, error) => ![400, 401, 403, 404].includes(httpStatusOf(error) ?? 0) && count < 2,
  })
}

export function useCheckPaymentStatus(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => checkPaymentStatus(orderId),
    onSuccess: (answer) => {
      queryClient.setQueryData(alliancePayKeys.order(orderId), answer.alliance_pay)
      if (!answer.changed) return
      // what can be credited follows the payment (a capture makes Credit Memo possible) and its refunds
      void queryClient.invalidateQueries({ queryKey: alliancePayKeys.creditMemos(orderId) })
      // the dashboard's own order sections (payments, status, activity) may have changed too
      void queryClient.invalidateQueries({ queryKey: ["orders"] })
    },
  })
}

export function useConnection() {
  return useQuery({ queryKey: alliancePayKeys.connection, queryFn: fetchConnection })
}

export function useAuthorizeConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authorizeConnection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["alliance-pay"] }),
  })
}

export function useCreditMemos(orderId: string, enabled = true) {
  return useQuery({
    queryKey: alliancePayKeys.creditMemos(orderId),
    queryFn: () => fetchCreditMemos(orderId),
    enabled,
    retry: (count, error) => ![400, 401, 403, 404].includes(httpStatusOf(error) ?? 0) && count < 2,
  })
}

export function useRefundReasons(enabled: boolean) {
  return useQuery({ queryKey: alliancePayKeys.refundReasons, queryFn: fetchRefundReasons, enabled })
}

export function useCreateCreditMemo(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreditMemoBody) => createCreditMemo(orderId, body),
    // a refused memo (422) is recorded too: refresh whatever the answer
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["alliance-pay"] })
      // the dashboard's own order sections (payments, totals) changed too
      void queryClient.invalidateQueries({ queryKey: ["orders", "detail", orderId] })
    },
  })
}

// ---- issue 15: Settings → Alliance Pay ----
export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: fetchSettings })
}

/** The last callback, the reconciler's last run and backlog: background work, so read again every 30 s. */
export function useActivity() {
  return useQuery({ queryKey: activityKey, queryFn: fetchActivity, refetchInterval: 30_000 })
}

export function useTestConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: testConnection,
    // the test authorizes anew: the connection panel changed whatever the outcome
    onSettled: () => queryClient.invalidateQueries({ queryKey: alliancePayKeys.connection }),
  })
}

/**
 * The dashboard's own actions on the order (Medusa's Refund, Capture, Cancel…) refetch its order
 * queries when they finish: whenever one of them brings new data for this order, the Alliance
 * Pay panel and its credit memos are read again too.
 */
export function useRefreshWithOrder(orderId: string) {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return
        const key = event.query.queryKey
        if (key[0] !== "orders" || !JSON.stringify(key).includes(orderId)) return
        void queryClient.invalidateQueries({ queryKey: alliancePayKeys.order(orderId) })
        void queryClient.invalidateQueries({ queryKey: alliancePayKeys.creditMemos(orderId) })
      }),
    [queryClient, orderId]
  )
}
