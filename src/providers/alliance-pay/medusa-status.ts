import type { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/types"
import type { RecordState } from "../../core/bank-state"

/**
 * What the provider tells Medusa for each of our states, as tables keyed by the record's own
 * vocabulary (ARCHITECTURE.md, "Payment states"): a state added to the model without a row
 * here does not compile.
 */
export const SESSION_STATUS = {
  creating: "error",
  create_failed: "error",
  pending: "pending",
  in_progress: "pending_authorization",
  authorized: "authorized",
  captured: "captured",
  failed: "error",
  expired: "canceled",
  mismatch: "error",
} as const satisfies Record<RecordState, PaymentSessionStatus>

export const WEBHOOK_ACTION = {
  creating: "not_supported",
  create_failed: "not_supported",
  pending: "pending",
  in_progress: "pending",
  authorized: "authorized",
  captured: "captured",
  failed: "failed",
  expired: "canceled",
  mismatch: "not_supported",
} as const satisfies Record<RecordState, PaymentActions>
