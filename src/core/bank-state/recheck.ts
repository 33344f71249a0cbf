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

/** null when nothing about this bank order can still change on its own. */
export function nextCheckAt(input: {
  state: string
  checkCount: number
  openRefunds: boolean
  now: number
  schedule?: readonly number[]
}): Date | null {
  if (!OPEN_STATES.has(input.state) && !input.openRefunds) return null
  return new Date(input.now + recheckDelayMs(input.checkCount, input.schedule))
}
