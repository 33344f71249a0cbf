// create.ts is imported directly: it runs the workflow, whose steps import this index
export * from "../../core/credit-memo"
export * from "./order-refund-state"
export * from "./present"
export * from "./settle"
