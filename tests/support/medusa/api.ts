import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios"

/** Headers the Store API wants: a publishable key scopes the request to its sales channels. */
export const storeHeaders = (publishableKey: string) => ({ "x-publishable-api-key": publishableKey })
/** Headers the Admin API wants: a bearer JWT from `POST /auth/user/emailpass`. */
export const adminHeaders = (token: string) => ({ authorization: `Bearer ${token}` })

/** A non-2xx answer: status + body, readable in a failing assertion (axios errors are not). */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown
  ) {
    super(`${method.toUpperCase()} ${url} -> ${status}: ${JSON.stringify(body)}`)
    this.name = "ApiError"
  }
}

type Body = Record<string, unknown> | unknown[] | undefined

/** get/post/delete against one API surface (store or admin), returning the parsed body. */
export type ApiSurface = {
  get<T = any>(url: string, config?: AxiosRequestConfig): Promise<T>
  post<T = any>(url: string, body?: Body, config?: AxiosRequestConfig): Promise<T>
  delete<T = any>(url: string, config?: AxiosRequestConfig): Promise<T>
  /** the raw request, for tests that assert status codes / headers; never throws on HTTP status */
  raw<T = any>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>
}

function surface(api: AxiosInstance, headers: () => Record<string, string>): ApiSurface {
  const raw = <T>(config: AxiosRequestConfig) =>
    api.request<T>({ ...config, headers: { ...headers(), ...(config.headers as object) }, validateStatus: () => true })
  const call = async <T>(config: AxiosRequestConfig): Promise<T> => {
    const res = await raw<T>(config)
    if (res.status >= 300) throw new ApiError(config.method ?? "get", config.url ?? "", res.status, res.data)
    return res.data
  }
  return {
    get: (url, config) => call({ ...config, method: "get", url }),
    post: (url, body, config) => call({ ...config, method: "post", url, data: body ?? {} }),
    delete: (url, config) => call({ ...config, method: "delete", url }),
    raw,
  }
}

/**
 * A typed wrapper around the runner's `api` (axios bound to the booted server).
 * Keys may be set later (`client.publishableKey = ...` after seeding, `client.adminToken = ...` after login).
 */
export class MedusaApi {
  readonly store: ApiSurface
  readonly admin: ApiSurface
  /** no auth headers at all: /auth, /hooks, health */
  readonly anonymous: ApiSurface

  constructor(
    readonly api: AxiosInstance,
    public publishableKey?: string,
    public adminToken?: string
  ) {
    this.store = surface(api, () => (this.publishableKey ? storeHeaders(this.publishableKey) : {}))
    this.admin = surface(api, () => (this.adminToken ? adminHeaders(this.adminToken) : {}))
    this.anonymous = surface(api, () => ({}))
  }
}

/** `await expectApiError(api.store.post(...))` → the ApiError, to assert status and message on. */
export async function expectApiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error("expected the API call to fail, it succeeded")
}
