import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { StoreAlliancePayCartParams } from "./validators"

/**
 * Per cart, in this process's memory: a return page polls once a second or so, and a cart id
 * is all a caller needs to ask, so anyone hammering one cart is slowed down without touching
 * the database or the bank. Several server processes each count on their own (a cart can get
 * up to N× the limit): still bounded, and no shared store is needed for it.
 */
const STATUS_RATE_LIMIT = { requests: 20, windowMs: 10_000 }
const MAX_TRACKED = 10_000

const windows = new Map<string, { startedAt: number; count: number }>()

/** true when this cart may be asked once more now; otherwise the seconds to wait */
function takeStatusRequest(cartId: string, now = Date.now()): true | number {
  let entry = windows.get(cartId)
  if (!entry || now - entry.startedAt >= STATUS_RATE_LIMIT.windowMs) {
    if (windows.size >= MAX_TRACKED) prune(now)
    entry = { startedAt: now, count: 0 }
    windows.set(cartId, entry)
  }
  if (entry.count >= STATUS_RATE_LIMIT.requests) return Math.max(1, Math.ceil((entry.startedAt + STATUS_RATE_LIMIT.windowMs - now) / 1000))
  entry.count++
  return true
}

function prune(now: number) {
  for (const [id, entry] of windows) if (now - entry.startedAt >= STATUS_RATE_LIMIT.windowMs) windows.delete(id)
  // every tracked cart is busy right now: forget the oldest rather than grow without bound
  if (windows.size >= MAX_TRACKED) windows.delete(windows.keys().next().value!)
}

/** Validates the cart id (zod) and applies the per-cart limit: 400 / 429 before any lookup. */
export function cartStatusGuard(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const params = StoreAlliancePayCartParams.safeParse(req.params)
  if (!params.success) {
    res.status(400).json({ type: "invalid_data", message: params.error.issues.map((i) => i.message).join("; ") })
    return
  }
  const allowed = takeStatusRequest(params.data.id)
  if (allowed !== true) {
    res.setHeader("Retry-After", String(allowed))
    res.status(429).json({ type: "too_many_requests", message: `Too many status requests for this cart; try again in ${allowed} s`, retry_after: allowed })
    return
  }
  next()
}
