import { spawn } from "node:child_process"
import { setPriority } from "node:os"
import { join } from "node:path"
import type { Sandbox } from "../../../src/sandbox"
import type { RuntimeConfig } from "../../../src/sandbox/options"

const ROOT = join(__dirname, "..", "..", "..")

/**
 * The sandbox bank in its own OS process (its CLI on a free port), so that the bank's work shares neither the
 * caller's event loop nor its timings: a bank on another machine, as far as one machine allows. `options` are
 * the sandbox's runtime options, set through its control API before the URL is handed out. A `priority` (as for
 * os.setPriority, −20 highest) lets it answer without waiting for a core on a busy machine, as if it had its own.
 */
export async function startSandboxProcess(options: Partial<RuntimeConfig> = {}, { priority }: { priority?: number } = {}): Promise<Sandbox> {
  const child = spawn(process.execPath, ["-r", "./scripts/register-ts.js", "src/sandbox/cli.ts", "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  })
  let out = ""
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox printed no URL in 60 s:\n${out}`)), 60_000)
    child.stdout!.on("data", (d) => {
      out += d
      const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    })
    void exited.then(() => reject(new Error(`the sandbox exited before it listened:\n${out}`)))
  })
  // its start-up text is read; what it prints later is not needed
  child.stdout!.resume()
  if (priority !== undefined) {
    try {
      setPriority(child.pid!, priority)
    } catch {
      // raising a priority takes root; without it the bank shares the cores as it is
    }
  }
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
    await exited
  }
  try {
    if (Object.keys(options).length) await control(url, "PATCH", "/config", options)
    const config = await control(url, "GET", "/config")
    return {
      url,
      publicUrl: config.apiUrl,
      port: Number(new URL(url).port),
      merchant: { serviceCode: config.serviceCode, merchantId: config.merchantId, privateJwk: config.privateJwk, publicJwk: config.publicJwk },
      close,
    }
  } catch (e) {
    await close()
    throw e
  }
}

async function control(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/__sandbox${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`)
  return JSON.parse(text)
}
