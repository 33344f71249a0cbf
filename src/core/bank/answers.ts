import type { z } from "zod"
import { AlliancePayError, classifyBankCode } from "./errors"
import { errorBodySchema } from "./contract/answers"
import type { RawAnswer } from "./transport"

/** Reading the bank's answers: error bodies (often sent with HTTP 200), protocol errors, short summaries. */

export type Body = { text: string; contentType: "application/json" | "text/plain" }

export function json(body: unknown): Body {
  return { text: JSON.stringify(body), contentType: "application/json" }
}

/** Parses the answer; any error body wins over the HTTP status (the bank sends many errors with 200). */
export function readJson(answer: RawAnswer, path: string): Record<string, unknown> {
  let value: unknown
  try {
    value = answer.text.trim() ? JSON.parse(answer.text) : undefined
  } catch {
    value = undefined
  }
  if (value && typeof value === "object") throwIfBankError(value, answer, path)
  if (answer.status >= 400 || !value || typeof value !== "object") {
    const transient = answer.status >= 500 || answer.status === 429
    throw new AlliancePayError({
      kind: transient ? "transient" : answer.status >= 400 ? "business" : "protocol",
      msgCode: answer.status >= 400 ? `http_${answer.status}` : "client_bad_answer",
      msgText: answer.status >= 400 ? "the bank answered with an HTTP error and no error body" : "the answer is not a JSON object",
      httpStatus: answer.status,
      requestId: answer.requestId,
      path,
    })
  }
  return value as Record<string, unknown>
}

export function throwIfBankError(value: unknown, answer: RawAnswer, path: string) {
  const error = errorBodySchema.safeParse(value)
  if (!error.success) return
  const msgCode = error.data.msgCode || "b_unknown_error"
  throw new AlliancePayError({
    kind: classifyBankCode(msgCode, answer.status),
    msgCode,
    msgText: error.data.msgText || error.data.msgType,
    httpStatus: answer.status,
    requestId: error.data.requestId || answer.requestId,
    path,
  })
}

export function needsNewSession(e: unknown): e is AlliancePayError {
  return e instanceof AlliancePayError && (e.kind === "session" || e.msgCode === "b_encryptor_failed_decrypt_message")
}

export function protocolError(path: string, msgText: string, answer?: RawAnswer) {
  return new AlliancePayError({
    kind: "protocol",
    msgCode: "client_bad_answer",
    msgText,
    httpStatus: answer?.status,
    requestId: answer?.requestId,
    path,
  })
}

export function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ")
}
