import http from "node:http"
import https from "node:https"

export interface PostResult {
  httpStatus: number | null
  error: string | null
}

/** One callback POST, no keep-alive, so a stopped sandbox leaves no sockets behind. */
export class CallbackPoster {
  private readonly inFlight = new Set<http.ClientRequest>()

  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
    return new Promise((resolve) => {
      let settled = false
      const done = (result: PostResult) => {
        if (settled) return
        settled = true
        this.inFlight.delete(request)
        resolve(result)
      }
      let target: URL
      try {
        target = new URL(url)
      } catch {
        resolve({ httpStatus: null, error: "invalid URL" })
        return
      }
      const transport = target.protocol === "https:" ? https : http
      const request = transport.request(target, {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" },
      })
      this.inFlight.add(request)
      request.setTimeout(timeoutMs, () => {
        request.destroy(new Error(`no answer within ${timeoutMs} ms`))
      })
      request.on("response", (response) => {
        response.resume()
        response.on("error", () => undefined)
        done({ httpStatus: response.statusCode ?? null, error: null })
      })
      request.on("error", (e: NodeJS.ErrnoException) => done({ httpStatus: null, error: e.code ?? e.message }))
      request.on("close", () => done({ httpStatus: null, error: "connection closed without an answer" }))
      request.end(body)
    })
  }

  abortAll(): void {
    for (const request of this.inFlight) request.destroy(new Error("sandbox stopped"))
    this.inFlight.clear()
  }
}
