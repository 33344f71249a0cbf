/**
 * Two-step card payments (hppPayType PREAUTH, then COMPLETION): the bank's rules for a hold.
 * The bank's SDKs allow a completion of 80 %–120 % of the hold, once (api §12); the sandbox does the same.
 */
export function completionBounds(holdKopecks: number): { min: number; max: number } {
  // integer forms of 0.8 × hold (rounded up) and 1.2 × hold (rounded down): never a float
  return { min: Math.ceil((4 * holdKopecks) / 5), max: Math.floor((6 * holdKopecks) / 5) }
}

/** The admin panel warns this long before the bank releases an uncaptured hold. */
export const HOLD_WARNING_MS = 24 * 3600_000

/** Hold lifetime the provider asks for by default (the bank allows 2 h to 28 days). */
export const DEFAULT_HOLD_HOURS = 7 * 24

export type HoldUrgency = "ok" | "expiring" | "expired"

/** How close an uncaptured hold is to the bank releasing it. */
export function holdUrgency(expiresAt: Date | string | null | undefined, now = Date.now()): HoldUrgency | null {
  if (!expiresAt) return null
  const left = new Date(expiresAt).getTime() - now
  if (left <= 0) return "expired"
  return left <= HOLD_WARNING_MS ? "expiring" : "ok"
}
