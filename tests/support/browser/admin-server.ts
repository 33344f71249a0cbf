import express from "express"
import { request, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface AdminServer {
  url: string
  close(): Promise<void>
}

/** Every request that is not the dashboard goes to the Medusa server, unchanged. */
function proxyTo(target: URL) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", (e) => {
      res.statusCode = 502
      res.end(`proxy: ${e.message}`)
    })
    req.pipe(upstream)
  }
}

/**
 * The built dashboard at /app, served by the same code Medusa's production server uses
 * (`serve` from @medusajs/admin-bundler), in front of a Medusa server started by the
 * integration test runner (which always disables its own admin). One origin, as in production.
 */
export async function serveBuiltAdmin({ outDir, medusaUrl, port }: { outDir: string; medusaUrl: string; port: number }): Promise<AdminServer> {
  const { serve } = await import("@medusajs/admin-bundler")
  const app = express()
  app.use("/app", await serve({ outDir }))
  app.use(proxyTo(new URL(medusaUrl)))
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, "127.0.0.1", () => resolve(s))
    s.once("error", reject)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
