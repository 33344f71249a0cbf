import { badInput } from "./control-error"

const CALLBACK_MODES = ["drop", "duplicate", "delay"] as const
export type CallbackMode = (typeof CALLBACK_MODES)[number]

export interface PendingCallbackMode {
  mode: CallbackMode
  remaining: number
  copies: number
  delayMs: number
}

export function parseCallbackMode(input: unknown): PendingCallbackMode {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw badInput('send a JSON object such as {"mode": "duplicate", "copies": 2}')
  }
  const body = input as Record<string, unknown>
  const mode = body.mode as CallbackMode
  if (!CALLBACK_MODES.includes(mode)) throw badInput(`mode must be one of ${CALLBACK_MODES.join(", ")}`)
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const value = body[key]
    if (value === undefined) return fallback
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw badInput(`${key} must be an integer between ${min} and ${max}`)
    }
    return value
  }
  return {
    mode,
    remaining: int("count", 1, 1, 100_000),
    copies: mode === "duplicate" ? int("copies", 2, 2, 20) : 1,
    delayMs: mode === "delay" ? int("delayMs", 5000, 0, 10 * 60_000) : 0,
  }
}
