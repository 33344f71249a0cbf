import axios, { type AxiosInstance } from "axios"
import { randomUUID } from "node:crypto"
import { AlliancePayError } from "./errors"

export interface RawAnswer {
  status: number
  text: string
  requestId: string
  ms: number
}

export interface SendOptions {
  path: string
  headers: Record<string, string>
  body: string
  contentType: "application/json" | "text/plain"
  timeoutMs: number
}

/** One HTTP POST, nothing else: answers the raw status and text, turns network failures into AlliancePayError. */
export class Transport {
  readonly #http: AxiosInstance

  constructor(baseUrl: string) {
    this.#http = axios.create({
      baseURL: baseUrl.replace(/\/+$/, ""),
      responseType: "text",
      transformResponse: [(data) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: 5 * 1024 * 1024,
    })
  }

  async post(options: SendOptions): Promise<RawAnswer> {
    const requestId = randomUUID()
    const started = performance.now()
    try {
      const res = await this.#http.post(options.path, options.body, {
        timeout: options.timeoutMs,
        headers: {
          ...options.headers,
          "x-request_id": requestId,
          "Content-Type": options.contentType,
          Accept: "application/json",
        },
      })
      return {
        status: res.status,
        text: typeof res.data === "string" ? res.data : JSON.stringify(res.data ?? ""),
        requestId,
        ms: performance.now() - started,
      }
    } catch (e) {
      throw networkError(e, options, requestId)
    }
  }
}

function networkError(e: unknown, options: SendOptions, requestId: string): AlliancePayError {
  const code = (e as { code?: string })?.code
  if (code === "ECONNABORTED" || code === "ETIMEDOUT") {
    return new AlliancePayError({
      kind: "timeout",
      msgCode: "client_timeout",
      msgText: `no answer within ${options.timeoutMs} ms; the outcome at the bank is unknown`,
      requestId,
      path: options.path,
    })
  }
  return new AlliancePayError({
    kind: "transient",
    msgCode: "client_network_error",
    msgText: `the bank could not be reached (${code ?? "network error"})`,
    requestId,
    path: options.path,
  })
}
