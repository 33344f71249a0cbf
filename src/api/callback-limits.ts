import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** A bank callback is a few kilobytes; a compact JWE of one a little more. */
export const CALLBACK_MAX_BYTES = 64 * 1024
/** The bank's deepest callback shape is about four levels (operations → operation → fields). */
export const CALLBACK_MAX_DEPTH = 16

/**
 * How deep the brackets of a JSON text nest, counted without parsing (strings skipped), stopping
 * as soon as `max` is passed: cheap on any input, never recursive.
 */
export function jsonTextDepthExceeds(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

/** The same bound on an already parsed value, walked without recursion. */
export function valueDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (!node || typeof node !== "object") continue
    if (depth + 1 > max) return true
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1])
  }
  return false
}

function refuse(res: MedusaResponse, status: number, message: string) {
  res.status(status).json({ type: "invalid_data", message })
}

/**
 * Bounds on what reaches the Alliance Pay webhook (Medusa's /hooks/payment/alliancepay_<id>):
 * size and nesting depth, checked before anything decodes the body. A refused body changes
 * nothing and starts no webhook processing. Other providers' webhooks pass untouched.
 */
export function boundedAlliancePayCallback(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (!String(req.params?.provider ?? "").startsWith("alliancepay_")) return next()
  const raw = (req as MedusaRequest & { rawBody?: Buffer | string }).rawBody
  const size = raw === undefined ? 0 : typeof raw === "string" ? Buffer.byteLength(raw) : raw.length
  if (size > CALLBACK_MAX_BYTES) return refuse(res, 413, `Alliance Pay callback bodies are at most ${CALLBACK_MAX_BYTES} bytes`)
  const tooDeep =
    raw !== undefined ? jsonTextDepthExceeds(typeof raw === "string" ? raw : raw.toString("utf8"), CALLBACK_MAX_DEPTH) : valueDepthExceeds(req.body, CALLBACK_MAX_DEPTH)
  if (tooDeep) return refuse(res, 400, `Alliance Pay callback bodies nest at most ${CALLBACK_MAX_DEPTH} levels deep`)
  next()
}
