export * from "./close-unpaid-order"
export * from "./medusa-payment-state"
export * from "./reconcile-bank-order"
export * from "./reconcile-due"
