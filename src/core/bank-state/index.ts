export * from "./classify"
export * from "./recheck"
export * from "./refunds"
export * from "./states"
