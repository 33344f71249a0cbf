export * from "./classify"
export * from "./medusa-status"
export * from "./recheck"
export * from "./refunds"
