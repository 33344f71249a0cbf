import type { BankOrderState } from "./classify"

/**
 * What the provider tells Medusa, as tables (ARCHITECTURE.md, "Payment states").
 * Values are Medusa's PaymentSessionStatus / PaymentActions strings.
 */
export const SESSION_STATUS = {
  captured: "captured",
  in_progress: "pending_authorization",
  pending: "pending",
  failed: "error",
  expired: "canceled",
  mismatch: "error",
} as const satisfies Record<BankOrderState, string>

export const WEBHOOK_ACTION = {
  captured: "captured",
  in_progress: "pending",
  pending: "pending",
  failed: "failed",
  expired: "canceled",
  mismatch: "not_supported",
} as const satisfies Record<BankOrderState, string>

/** States after which nothing about the purchase can change any more. */
export const FINAL_STATES: ReadonlySet<BankOrderState> = new Set(["captured", "failed", "expired", "mismatch"])
