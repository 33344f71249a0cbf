import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { fetchAttentionCount, fetchPayments, paymentsKeys, recheckPayment, refundOrphan, resolvePayment, type PaymentsFilters } from "./payments-api"

export function usePayments(filters: PaymentsFilters) {
  return useQuery({ queryKey: paymentsKeys.page(filters), queryFn: () => fetchPayments(filters), placeholderData: keepPreviousData })
}

export function useAttentionCount() {
  return useQuery({ queryKey: paymentsKeys.attention, queryFn: fetchAttentionCount, refetchInterval: 60_000 })
}

/** Every action changes the row, the count and maybe an order's panel: refresh all of Alliance Pay. */
function usePaymentAction<T>(fn: (arg: T) => Promise<{ message: string }>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: ["alliance-pay"] }) })
}

export const useRecheckPayment = () => usePaymentAction((id: string) => recheckPayment(id))
export const useRefundOrphan = () => usePaymentAction((id: string) => refundOrphan(id))
export const useResolvePayment = () => usePaymentAction(({ id, note }: { id: string; note: string }) => resolvePayment(id, note))
