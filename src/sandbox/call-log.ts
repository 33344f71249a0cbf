import type { FaultKind, FaultPhase } from "./faults"
import type { SessionClass } from "./sessions"

export interface CallRecord {
  seq: number
  at: string
  method: string
  path: string
  requestId: string | null
  apiVersion: string | null
  session: SessionClass
  /** The request body as the bank read it: JSON, the decrypted refund, or the raw text when unreadable. */
  body: unknown
  /** null while unanswered, and for "timeout" faults (never answered). */
  httpStatus: number | null
  msgCode: string | null
  fault: { id: number; kind: FaultKind; phase: FaultPhase } | null
  durationMs: number | null
  /** the caller's TCP port: which process made the call (e.g. `ss -tnp src 127.0.0.1:<port>`) */
  peerPort: number | null
}

/** Benchmarks send many calls; the oldest records go first past this. */
const MAX_RECORDS = 20_000

export class CallLog {
  private records: CallRecord[] = []
  private seq = 0

  start(init: Pick<CallRecord, "method" | "path" | "requestId" | "apiVersion" | "session"> & { peerPort?: number | null }): CallRecord {
    const record: CallRecord = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      ...init,
      body: null,
      httpStatus: null,
      msgCode: null,
      fault: null,
      durationMs: null,
      peerPort: init.peerPort ?? null,
    }
    this.records.push(record)
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS)
    return record
  }

  /** `since` is a seq number (records after it) or a date (records at or after it). */
  list(filter: { path?: string; since?: string } = {}): CallRecord[] {
    let out = this.records
    if (filter.path) out = out.filter((r) => r.path === filter.path)
    if (filter.since) {
      const seq = Number(filter.since)
      if (Number.isFinite(seq)) out = out.filter((r) => r.seq > seq)
      else {
        const at = Date.parse(filter.since)
        if (Number.isFinite(at)) out = out.filter((r) => Date.parse(r.at) >= at)
      }
    }
    return out.map((r) => ({ ...r }))
  }

  clear(): void {
    this.records = []
  }
}
