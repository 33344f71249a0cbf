import type { Socket } from "node:net"
import type { CallLog } from "./call-log"
import type { CallbackDispatcher } from "./callbacks"
import type { FaultQueue } from "./faults"
import type { Ledger } from "./ledger"
import type { MerchantIdentity } from "./merchant"
import type { RuntimeConfig } from "./options"
import type { SessionStore } from "./sessions"
import type { Timers } from "./timers"

/** Everything a request handler may touch; one per running sandbox. */
export interface SandboxContext {
  merchant: MerchantIdentity
  /** The listening URL. */
  url: string
  /** The URL shoppers and merchants are told to use (redirectUrl, forms, links). */
  publicUrl: string
  /** Replaced as a whole on PATCH /__sandbox/config; read it at use time. */
  config: RuntimeConfig
  readonly initialConfig: RuntimeConfig
  sessions: SessionStore
  ledger: Ledger
  callbacks: CallbackDispatcher
  faults: FaultQueue
  calls: CallLog
  timers: Timers
  /** Sockets kept open by "timeout" faults, destroyed on close/reset. */
  heldSockets: Set<Socket>
}
