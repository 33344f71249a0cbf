import { spawn, type ChildProcess } from "node:child_process"
import { join } from "node:path"

export interface SandboxProcess {
  url: string
  child: ChildProcess
  config: { serviceCode: string; merchantId: string; privateJwk: Record<string, unknown> }
  stop(): Promise<void>
}

/** The sandbox in its own process, so that the bank's work does not share our event loop or core. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const root = join(__dirname, "..", "..")
  const child = spawn(process.execPath, ["-r", "./scripts/register-ts.js", "src/sandbox/cli.ts", "--port", "0"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  })
  let out = ""
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox printed no URL:\n${out}`)), 30_000)
    child.stdout!.on("data", (d) => {
      out += d
      const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    })
    child.on("exit", (code) => reject(new Error(`the sandbox exited (${code}):\n${out}`)))
  })
  child.stdout!.resume()
  const config = await (await fetch(`${url}/__sandbox/config`)).json()
  return {
    url,
    child,
    config,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      }),
  }
}

export async function sandboxControl(url: string, path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const res = await fetch(`${url}/__sandbox${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`)
  const text = await res.text()
  return text ? JSON.parse(text) : undefined
}
