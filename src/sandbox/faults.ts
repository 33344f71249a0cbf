import { BANK_PATHS, isBankPath, type BankPath } from "../core/bank/contract/paths"
import { badInput } from "./control-error"

const FAULT_KINDS = ["5xx", "timeout", "error", "delay"] as const
export type FaultKind = (typeof FAULT_KINDS)[number]
export type FaultPhase = "before" | "after"

export interface Fault {
  id: number
  /** null = any bank path */
  path: BankPath | null
  kind: FaultKind
  remaining: number
  httpStatus: number
  msgCode: string
  msgText: string
  delayMs: number
  phase: FaultPhase
  /** "error" only: send the error body inside a JWE ({"jwe": …}) for the merchant key, as refund answers come. */
  jwe: boolean
}

export type AppliedFault = Pick<Fault, "id" | "kind" | "phase" | "httpStatus" | "msgCode" | "msgText" | "delayMs" | "jwe">

const DEFAULTS: Record<FaultKind, { httpStatus: number; msgCode: string; msgText: string; delayMs: number }> = {
  "5xx": { httpStatus: 503, msgCode: "b_server_is_overloaded", msgText: "@Server is overloaded", delayMs: 0 },
  timeout: { httpStatus: 0, msgCode: "", msgText: "", delayMs: 60_000 },
  error: { httpStatus: 200, msgCode: "b_invalid_request", msgText: "@Invalid request (sandbox fault)", delayMs: 0 },
  delay: { httpStatus: 0, msgCode: "", msgText: "", delayMs: 1000 },
}

function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key]
  if (value === undefined) return undefined
  if (typeof value !== "string" || value.trim() === "") throw badInput(`${key} must be a non-empty string`)
  return value
}

function optionalInt(input: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = input[key]
  if (value === undefined) return undefined
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${key} must be an integer between ${min} and ${max}`)
  }
  return value
}

function parseFault(input: unknown, id: number): Fault {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw badInput('send a JSON object such as {"kind": "5xx", "path": "/ecom/execute_request/hpp/v1/create-order"}')
  }
  const body = input as Record<string, unknown>
  const kind = body.kind as FaultKind
  if (!FAULT_KINDS.includes(kind)) throw badInput(`kind must be one of ${FAULT_KINDS.join(", ")}`)
  let path: BankPath | null = null
  if (body.path !== undefined && body.path !== null) {
    if (typeof body.path !== "string" || !isBankPath(body.path)) {
      throw badInput(`path must be one of the bank paths: ${Object.values(BANK_PATHS).join(", ")}`)
    }
    path = body.path
  }
  const phase = body.phase ?? "before"
  if (phase !== "before" && phase !== "after") throw badInput('phase must be "before" or "after"')
  const defaults = DEFAULTS[kind]
  const httpStatus = optionalInt(body, "httpStatus", 100, 599)
  if ((kind === "timeout" || kind === "delay") && httpStatus !== undefined) {
    throw badInput(`httpStatus does not apply to kind "${kind}"`)
  }
  if (body.jwe !== undefined && typeof body.jwe !== "boolean") throw badInput("jwe must be true or false")
  if (body.jwe === true && kind !== "error") throw badInput('jwe applies to kind "error" only')
  return {
    id,
    path,
    kind,
    phase,
    jwe: body.jwe === true,
    remaining: optionalInt(body, "count", 1, 1_000_000) ?? 1,
    httpStatus: httpStatus ?? defaults.httpStatus,
    msgCode: optionalText(body, "msgCode") ?? defaults.msgCode,
    msgText: optionalText(body, "msgText") ?? defaults.msgText,
    delayMs: optionalInt(body, "delayMs", 0, 10 * 60_000) ?? defaults.delayMs,
  }
}

/** Faults armed through the control API, consumed first-armed first by matching bank calls. */
export class FaultQueue {
  private faults: Fault[] = []
  private nextId = 1

  add(input: unknown): Fault {
    const fault = parseFault(input, this.nextId++)
    this.faults.push(fault)
    return { ...fault }
  }

  take(path: BankPath): AppliedFault | undefined {
    const fault = this.faults.find((f) => f.path === null || f.path === path)
    if (!fault) return undefined
    fault.remaining--
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault)
    const { id, kind, phase, httpStatus, msgCode, msgText, delayMs, jwe } = fault
    return { id, kind, phase, httpStatus, msgCode, msgText, delayMs, jwe }
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }))
  }

  clear(): number {
    const count = this.faults.length
    this.faults = []
    return count
  }
}
