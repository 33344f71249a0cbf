import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import {
  alliancePayKeys,
  authorizeConnection,
  checkPaymentStatus,
  createCreditMemo,
  fetchConnection,
  fetchCreditMemos,
  fetchOrderState,
  fetchRefundReasons,
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
      if (answer.refunds.length) void queryClient.invalidateQueries({ queryKey: alliancePayKeys.creditMemos(orderId) })
      // the dashboard's own order sections (payments, status, activity) may have changed too
      if (answer.changed) void queryClient.invalidateQueries({ queryKey: ["orders", "detail", orderId] })
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
