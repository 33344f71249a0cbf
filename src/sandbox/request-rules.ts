import type { z } from "zod"
import { parseBankDate } from "../core/bank/dates"
import { MERCHANT_COMMENT_CHARSET, requestProblem } from "../core/bank/contract/requests"
import { BankError, requestNotCorrect } from "./bank-errors"

/** The bank refuses any present field that is null or "" (api §6.1), however deep. */
export function rejectNullOrEmpty(value: unknown, path: string): void {
  if (value === null || value === "") throw requestNotCorrect(`field ${path} must not be null or empty`)
  if (Array.isArray(value)) value.forEach((v, i) => rejectNullOrEmpty(v, `${path}[${i}]`))
  else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) rejectNullOrEmpty(v, path ? `${path}.${k}` : k)
  }
}

/** A JSON object whose present fields are neither null nor empty, read against one of the contract's schemas. */
export function readBody<S extends z.ZodType>(schema: S, input: unknown, what: string, emptyMeansAbsent: string[] = []): z.infer<S> {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw requestNotCorrect(`the ${what} must be a JSON object`)
  const body = { ...(input as Record<string, unknown>) }
  for (const key of emptyMeansAbsent) if (body[key] === "") delete body[key]
  rejectNullOrEmpty(body, "")
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw requestNotCorrect(requestProblem(parsed.error))
  return parsed.data
}

export function checkMerchantComment(value: string | undefined, strict: boolean): string | undefined {
  if (value !== undefined && strict && !MERCHANT_COMMENT_CHARSET.test(value)) {
    throw requestNotCorrect("field merchantComment may contain only a-zA-Z0-9 and the characters  ,.;:@#$%'-=+")
  }
  return value
}

export function requireSessionMerchant(merchantId: string, sessionMerchantId: string): void {
  if (merchantId !== sessionMerchantId) {
    throw new BankError(400, "b_user_merchant_request_mismatch", "@merchantId does not match the device session's merchant")
  }
}

/** A date the contract's pattern let through, as epoch ms; a calendar-impossible one is refused like a malformed one. */
export function bankDateMs(text: string, field: string): number {
  const at = parseBankDate(text)
  if (at === undefined) throw requestNotCorrect(`field ${field} must be formatted YYYY-MM-DD HH:mm:ss.SS±HH:MM`)
  return at
}
