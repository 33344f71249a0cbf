import { encryptJson } from "../core/bank/jwe"
import { CallbackPoster } from "./callback-post"
import { parseCallbackMode, type CallbackMode, type PendingCallbackMode } from "./callback-modes"
import type { JweKey } from "./merchant"
import type { RuntimeConfig } from "./options"
import { callbackEnvelope, type Operation, type Order } from "./order-model"
import type { Timers } from "./timers"

export interface CallbackAttempt {
  seq: number
  at: string
  url: string
  hppOrderId: string
  operationType: Operation["type"]
  operationStatus: Operation["status"]
  ecomOperationId: string
  /** The refund's merchantRequestId for refunds, the order's for purchases. */
  merchantRequestId: string
  /** 1 = first delivery, 2 = first retry, … (0 when dropped). */
  attempt: number
  /** Which copy of a duplicated callback (1 otherwise). */
  copy: number
  encrypted: boolean
  httpStatus: number | null
  error: string | null
  result: "delivered" | "failed" | "dropped"
  mode: CallbackMode | null
}

interface Job {
  url: string
  body: string
  headers: Record<string, string>
  encrypted: boolean
  schedule: number[]
  timeoutMs: number
  meta: Pick<CallbackAttempt, "hppOrderId" | "operationType" | "operationStatus" | "ecomOperationId" | "merchantRequestId">
  mode: CallbackMode | null
  generation: number
}

const MAX_LOG = 10_000

/** Sends the bank's callbacks in the background and retries them on its schedule (api §7.1). */
export class CallbackDispatcher {
  private attempts: CallbackAttempt[] = []
  private pendingModes: PendingCallbackMode[] = []
  private seq = 0
  private generation = 0
  private closed = false
  private readonly poster = new CallbackPoster()

  constructor(
    private readonly timers: Timers,
    private readonly config: () => RuntimeConfig,
    private readonly merchantPublicKey: JweKey
  ) {}

  /** Fire and forget: never delays the HTTP answer that caused the callback. */
  dispatch(order: Order, op: Operation): void {
    // refunds and completions are API calls with their own notificationUrl / notificationEncryption
    const ownSettings = op.type === "REFUND" || op.type === "COMPLETION"
    const url = (ownSettings ? op.notificationUrl : undefined) ?? order.notificationUrl
    if (!url || this.closed) return
    const encrypted = (ownSettings ? op.notificationEncryption : undefined) ?? order.notificationEncryption
    const config = this.config()
    // the envelope is taken now: later changes to the order must not leak into this callback
    const envelope = callbackEnvelope(order, op, config.callbackShape)
    const mode = this.takeMode()
    const generation = this.generation
    const meta = {
      hppOrderId: order.hppOrderId,
      operationType: op.type,
      operationStatus: op.status,
      ecomOperationId: op.ecomOperationId,
      merchantRequestId: op.merchantRequestId ?? order.merchantRequestId,
    }
    void this.prepare(envelope, encrypted).then((prepared) => {
      const job: Job = {
        url,
        ...prepared,
        encrypted,
        schedule: [...config.callbackRetryScheduleMs],
        timeoutMs: config.callbackTimeoutMs,
        meta,
        mode: mode?.mode ?? null,
        generation,
      }
      if (!this.current(job)) return
      if (mode?.mode === "drop") {
        this.record(job, 1, 0, { httpStatus: null, error: null }, "dropped")
        return
      }
      const copies = mode?.mode === "duplicate" ? mode.copies : 1
      const delay = mode?.mode === "delay" ? mode.delayMs : 0
      for (let copy = 1; copy <= copies; copy++) {
        if (delay > 0) this.timers.after(delay, () => void this.deliver(job, copy, 1))
        else void this.deliver(job, copy, 1)
      }
    }, () => undefined)
  }

  private async prepare(envelope: unknown, encrypted: boolean): Promise<{ body: string; headers: Record<string, string> }> {
    if (!encrypted) {
      return { body: JSON.stringify(envelope), headers: { "content-type": "application/json" } }
    }
    return {
      body: await encryptJson(envelope, this.merchantPublicKey),
      headers: { "content-type": "text/plain", "x-encrypted_body": "true" },
    }
  }

  private async deliver(job: Job, copy: number, attempt: number): Promise<void> {
    if (!this.current(job)) return
    const result = await this.poster.post(job.url, job.body, job.headers, job.timeoutMs)
    if (!this.current(job)) return
    const delivered = result.httpStatus === 200
    this.record(job, copy, attempt, result, delivered ? "delivered" : "failed")
    const wait = job.schedule[attempt - 1]
    if (!delivered && wait !== undefined) {
      this.timers.after(wait, () => void this.deliver(job, copy, attempt + 1))
    }
  }

  /** Callbacks from before a reset or close are abandoned, not retried. */
  private current(job: Job): boolean {
    return !this.closed && job.generation === this.generation
  }

  private record(
    job: Job,
    copy: number,
    attempt: number,
    result: { httpStatus: number | null; error: string | null },
    outcome: CallbackAttempt["result"]
  ): void {
    this.attempts.push({
      seq: ++this.seq,
      at: new Date().toISOString(),
      url: job.url,
      ...job.meta,
      attempt,
      copy,
      encrypted: job.encrypted,
      httpStatus: result.httpStatus,
      error: result.error,
      result: outcome,
      mode: job.mode,
    })
    if (this.attempts.length > MAX_LOG) this.attempts.splice(0, this.attempts.length - MAX_LOG)
  }

  private takeMode(): PendingCallbackMode | undefined {
    const mode = this.pendingModes[0]
    if (!mode) return undefined
    mode.remaining--
    if (mode.remaining <= 0) this.pendingModes.shift()
    return { ...mode }
  }

  addMode(input: unknown): PendingCallbackMode {
    const mode = parseCallbackMode(input)
    this.pendingModes.push(mode)
    return { ...mode }
  }

  modes(): PendingCallbackMode[] {
    return this.pendingModes.map((m) => ({ ...m }))
  }

  log(): CallbackAttempt[] {
    return this.attempts.map((a) => ({ ...a }))
  }

  /** Forgets the log and the armed modes, and abandons every delivery still going. */
  clear(): void {
    this.generation++
    this.poster.abortAll()
    this.attempts = []
    this.pendingModes = []
  }

  clearLog(): void {
    this.attempts = []
  }

  close(): void {
    this.closed = true
    this.poster.abortAll()
  }
}
