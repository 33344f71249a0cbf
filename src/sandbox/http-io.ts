import type { IncomingMessage, ServerResponse } from "node:http"

export const MAX_BODY_BYTES = 1024 * 1024
/** Past this we stop draining and cut the connection: nobody sends 16 MB to a payment API by accident. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body is larger than ${MAX_BODY_BYTES} bytes`)
    this.name = "BodyTooLargeError"
  }
}

/**
 * Reads the body as UTF-8. An oversized body is drained rather than cut off, so the
 * client gets to read the 413 instead of a connection reset.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"])
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
      req.resume()
      reject(new BodyTooLargeError())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_DRAIN_BYTES) {
        req.destroy()
        return
      }
      if (size > MAX_BODY_BYTES) tooLarge = true
      if (!tooLarge) chunks.push(chunk)
    })
    req.on("end", () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString("utf8"))))
    req.on("error", reject)
    req.on("close", () => {
      if (!req.complete) reject(tooLarge ? new BodyTooLargeError() : new Error("request aborted"))
    })
  })
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name.toLowerCase()]
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim()
  return value ? value : undefined
}

function alive(res: ServerResponse): boolean {
  return !res.headersSent && !res.destroyed && !res.writableEnded
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!alive(res)) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  })
  res.end(text)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (!alive(res)) return
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
  })
  res.end(html)
}

/** 303 so that the browser follows a form POST with a GET. */
export function redirect(res: ServerResponse, location: string): void {
  if (!alive(res)) return
  res.writeHead(303, { location, "content-length": 0, "cache-control": "no-store" })
  res.end()
}

export function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    if (!(key in out)) out[key] = value
  }
  return out
}

export type JsonParse = { ok: true; value: unknown } | { ok: false }

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}
