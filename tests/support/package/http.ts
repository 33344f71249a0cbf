/** A non-2xx answer, readable in a failing assertion. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string
  ) {
    super(`${what} -> ${status}: ${JSON.stringify(body)}`)
  }
}

export interface HttpAnswer<T = any> {
  status: number
  body: T
}

/** JSON over fetch against one Medusa surface (store or admin), with its headers. */
export class JsonApi {
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {}
  ) {}

  async raw<T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...this.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text for the assertion message
    }
    return { status: res.status, body: parsed as T }
  }

  async get<T = any>(path: string): Promise<T> {
    return this.#ok<T>("GET", path)
  }

  async post<T = any>(path: string, body: unknown = {}): Promise<T> {
    return this.#ok<T>("POST", path, body)
  }

  async #ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.raw<T>(method, path, body)
    if (answer.status >= 300) throw new HttpError(answer.status, answer.body, `${method} ${path}`)
    return answer.body
  }
}
