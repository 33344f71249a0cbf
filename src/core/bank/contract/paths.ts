export const BANK_PATHS = {
  authorize: "/api-gateway/authorize_virtual_device",
  createOrder: "/ecom/execute_request/hpp/v1/create-order",
  orderOperations: "/ecom/execute_request/hpp/v1/operations",
  refund: "/ecom/execute_request/payments/v3/refund",
  completion: "/ecom/execute_request/payments/v1/completion",
  operationById: "/ecom/execute_request/payments/v1/operations",
  operationByMerchantRequestId: "/ecom/execute_request/payments/v1/operation/by_merchant_request_id",
} as const

export type BankPath = (typeof BANK_PATHS)[keyof typeof BANK_PATHS]

const ALL = new Set<string>(Object.values(BANK_PATHS))

export function isBankPath(path: string): path is BankPath {
  return ALL.has(path)
}
