import { readFile } from "node:fs/promises"
import http from "node:http"
import { extname, join } from "node:path"
import { qrSvg } from "./qr-svg"

const PUBLIC = join(__dirname, "public")

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
}

/** Paths of the shop's pages → their file. The return page is the URL the bank sends shoppers back to. */
const PAGES: Record<string, string> = {
  "/": "index.html",
  "/checkout/alliancepay": "return.html",
}

export interface StorefrontSettings {
  medusaUrl: string
  publishableKey: string
}

export interface Storefront {
  url: string
  close(): Promise<void>
}

/**
 * The demo's storefront: static pages that talk to Medusa's Store API from the browser, plus
 * `/config.js` with the backend URL and the publishable key. Nothing else runs here.
 */
export async function startStorefront(settings: StorefrontSettings, options: { port: number; host: string; publicUrl: string }): Promise<Storefront> {
  const config = `window.DEMO_CONFIG = ${JSON.stringify(settings)};\n`
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "GET only")
    if (path === "/config.js") return send(res, 200, TYPES[".js"], config)
    if (path === "/qr.svg") return qrImage(res, new URL(req.url ?? "/", "http://x").searchParams.get("text"))
    const file = PAGES[path] ?? (/^\/[a-z0-9-]+\.(js|css|svg)$/.test(path) ? path.slice(1) : undefined)
    if (!file) return send(res, 404, "text/plain", "not found")
    try {
      send(res, 200, TYPES[extname(file)], await readFile(join(PUBLIC, file)))
    } catch {
      send(res, 404, "text/plain", "not found")
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    url: options.publicUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The NBU QR link a desktop shopper scans, drawn here: no QR library, no third party sees the link. */
function qrImage(res: http.ServerResponse, text: string | null): void {
  if (!text || text.length > 2000 || !/^https?:\/\//.test(text)) return send(res, 400, "text/plain", "text must be an http(s) link of at most 2000 characters")
  send(res, 200, TYPES[".svg"], qrSvg(text))
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" })
  res.end(body)
}
