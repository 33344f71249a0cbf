import http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { EcJwk } from "../core/bank/jwe"
import { handleBankCall } from "./bank-api"
import { isBankPath } from "../core/bank/contract/paths"
import { CallLog } from "./call-log"
import { CallbackDispatcher } from "./callbacks"
import type { SandboxContext } from "./context"
import { CONTROL_PREFIX, handleControl } from "./control-api"
import { FaultQueue } from "./faults"
import { handleA2APage, isA2APagePath } from "./a2a-pages"
import { handleHostedPage, isHostedPagePath } from "./hosted-pages"
import { sendJson } from "./http-io"
import { Ledger } from "./ledger"
import { resolveMerchant } from "./merchant"
import { resolveRuntimeConfig, type SandboxOptions } from "./options"
import { SessionStore } from "./sessions"
import { Timers } from "./timers"

export interface SandboxMerchant {
  serviceCode: string
  merchantId: string
  privateJwk: EcJwk
  publicJwk: EcJwk
}

export interface Sandbox {
  /** The listening URL; also the bank API base URL when no publicUrl was given. */
  url: string
  /** Base of redirectUrl/statusUrl and the URL to configure as the bank API URL. */
  publicUrl: string
  port: number
  merchant: SandboxMerchant
  close(): Promise<void>
}

function urlHost(address: AddressInfo, requested: string): string {
  // a wildcard address is not something a browser can open
  if (requested === "0.0.0.0" || requested === "::" || requested === "") return "127.0.0.1"
  return address.family === "IPv6" || requested.includes(":") ? `[${address.address}]` : requested
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = resolveRuntimeConfig(options)
  const merchant = await resolveMerchant(options)
  const host = options.host ?? "127.0.0.1"
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const url = `http://${urlHost(address, host)}:${address.port}`
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "")

  const timers = new Timers()
  const ctx: SandboxContext = {
    merchant,
    url,
    publicUrl,
    config,
    initialConfig: { ...config, callbackRetryScheduleMs: [...config.callbackRetryScheduleMs] },
    sessions: new SessionStore(merchant),
    ledger: undefined as unknown as Ledger,
    callbacks: new CallbackDispatcher(timers, () => ctx.config, merchant.publicKey),
    faults: new FaultQueue(),
    calls: new CallLog(),
    timers,
    heldSockets: new Set<Socket>(),
  }
  ctx.ledger = new Ledger({
    config: () => ctx.config,
    publicUrl,
    timers,
    notify: (order, op) => ctx.callbacks.dispatch(order, op),
  })

  server.on("request", (req, res) => {
    void route(ctx, req, res).catch((e) => {
      console.error("[alliancepay-sandbox] unhandled error", e)
      sendJson(res, 500, { message: "internal sandbox error" })
    })
  })
  server.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n")
    else socket.destroy()
  })

  let closing: Promise<void> | undefined
  return {
    url,
    publicUrl,
    port: address.port,
    merchant: {
      serviceCode: merchant.serviceCode,
      merchantId: merchant.merchantId,
      privateJwk: merchant.privateJwk,
      publicJwk: merchant.publicJwk,
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        timers.clearAll()
        ctx.callbacks.close()
        for (const socket of ctx.heldSockets) socket.destroy()
        ctx.heldSockets.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

async function route(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let url: URL
  try {
    url = new URL(req.url ?? "/", "http://sandbox.invalid")
  } catch {
    req.resume()
    return sendJson(res, 400, { message: "the request URL could not be read" })
  }
  const path = url.pathname
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return handleControl(ctx, req, res, url)
  if (isBankPath(path)) return handleBankCall(ctx, req, res, path)
  if (isHostedPagePath(path)) return handleHostedPage(ctx, req, res, url)
  if (isA2APagePath(path)) return handleA2APage(ctx, req, res, url)
  req.resume()
  if (path === "/" && req.method === "GET") {
    return sendJson(res, 200, {
      service: "Alliance Pay sandbox bank",
      apiUrl: ctx.publicUrl,
      control: `${ctx.publicUrl}${CONTROL_PREFIX}/config`,
    })
  }
  sendJson(res, 404, { message: `no route ${req.method} ${path}` })
}
