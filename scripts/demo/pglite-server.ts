import { createServer, type Socket } from "node:net"
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket"

/**
 * PGlite (Postgres compiled to WASM, one single-user backend) served over the Postgres wire protocol,
 * for the demo only, when no PostgreSQL server is at hand.
 *
 * Why not `PGLiteSocketServer` as it is: with several client connections it pins the one backend to the
 * connection that opened a transaction and makes every other connection wait for its COMMIT. Medusa's
 * migrator holds an advisory-lock transaction on one connection while it migrates on another, so that
 * waits forever. Here every connection shares the one session instead: a unit of work (a simple query,
 * or an extended-protocol batch up to its Sync) runs whole, in arrival order, whoever holds a transaction.
 * The price: no isolation between connections (one's COMMIT commits what another did meanwhile). Fine for
 * a single shopper clicking through the demo; never for tests of concurrency or for production.
 */

/** Messages that end a unit of work: Sync, Query, Flush, Terminate, FunctionCall, CopyDone, CopyFail. */
const UNIT_END = new Set([..."SQHXFcf"].map((c) => c.charCodeAt(0)))

type OnData = (data: Uint8Array) => void

/** The query queue `PGLiteSocketHandler` talks to, sharing one session between all connections. */
export class SharedSessionQueue {
  private readonly buffered = new Map<number, Uint8Array[]>()
  private tail: Promise<unknown> = Promise.resolve()
  /** the connection whose unit opened the current transaction: rolled back if it disconnects inside it */
  private txnOwner: number | null = null

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: OnData): Promise<number> {
    const parts = this.buffered.get(handlerId) ?? []
    parts.push(message)
    // a startup message has no type byte: its first byte is the high byte of its length, 0
    if (message[0] !== 0 && !UNIT_END.has(message[0])) {
      this.buffered.set(handlerId, parts)
      return Promise.resolve(0)
    }
    this.buffered.delete(handlerId)
    return this.serialize(() => this.execute(handlerId, concat(parts), onData))
  }

  clearQueueForHandler(handlerId: number): void {
    this.buffered.delete(handlerId)
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.txnOwner !== handlerId) return
    await this.serialize(async () => {
      if (this.txnOwner === handlerId && this.db.isInTransaction()) await this.db.exec("ROLLBACK")
      this.txnOwner = null
    })
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work)
    this.tail = run.catch(() => undefined)
    return run
  }

  private async execute(handlerId: number, unit: Uint8Array, onData: OnData): Promise<number> {
    let bytes = 0
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(unit, {
        onRawData: (data) => {
          bytes += data.length
          onData(data)
        },
      })
    )
    if (!this.db.isInTransaction()) this.txnOwner = null
    else if (this.txnOwner === null) this.txnOwner = handlerId
    return bytes
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export interface PgliteServer {
  /** postgres://postgres@host:port/postgres — PGlite has one database, "postgres" */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Opens (or creates) the PGlite database in `dataDir` (in memory when absent) and serves it on
 * host:port (port 0 = any free port).
 */
export async function startPgliteServer(options: { dataDir?: string; port?: number; host?: string } = {}): Promise<PgliteServer> {
  const host = options.host ?? "127.0.0.1"
  const db = await PGlite.create(options.dataDir)
  const queue = new SharedSessionQueue(db)
  const handlers = new Set<PGLiteSocketHandler>()
  const server = createServer((socket: Socket) => {
    // the handler frames the protocol (SSL request, startup, messages); the queue decides what runs when
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true })
    handlers.add(handler)
    const forget = () => handlers.delete(handler)
    handler.addEventListener("close", forget)
    handler.addEventListener("error", forget)
    handler.attach(socket).catch(() => socket.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as { port: number }).port
  let closed: Promise<void> | undefined
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    close: () =>
      (closed ??= (async () => {
        await Promise.all([...handlers].map((h) => h.detach(true)))
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await db.close()
      })()),
  }
}
