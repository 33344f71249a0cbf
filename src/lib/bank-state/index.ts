export * from "./classify"
export * from "./medusa-status"
export * from "./refunds"
