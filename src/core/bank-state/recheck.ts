/**
 * When the reconciler should re-read a bank order: soon after it opens, then less and less
 * often (a lost callback is usually found within minutes). Orders with nothing left to
 * settle are not re-read at all.
 */
export const RECHECK_AFTER_MS = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000] as const

const OPEN_STATES: ReadonlySet<string> = new Set(["pending", "in_progress"])

export function recheckDelayMs(checkCount: number, schedule: readonly number[] = RECHECK_AFTER_MS): number {
  return schedule[Math.min(Math.max(checkCount, 0), schedule.length - 1)]
}

/**
 * null when nothing about this bank order can still change on its own. A hold (authorized) changes
 * on its own only when the bank releases it: it is read again then, not on the backoff.
 */
export function nextCheckAt(input: {
  state: string
  checkCount: number
  openRefunds: boolean
  now: number
  schedule?: readonly number[]
  /** authorized: when the bank releases the hold (epoch ms), plus the expiry grace */
  holdReleasedAt?: number | null
}): Date | null {
  if (input.state === "authorized" && input.holdReleasedAt != null && !input.openRefunds) return new Date(Math.max(input.holdReleasedAt, input.now))
  if (!OPEN_STATES.has(input.state) && input.state !== "authorized" && !input.openRefunds) return null
  return new Date(input.now + recheckDelayMs(input.checkCount, input.schedule))
}
