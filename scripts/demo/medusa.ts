import { join } from "node:path"
import { ROOT } from "./config"
import type { Children } from "./processes"
import { tail } from "./processes"

const CLI = require.resolve("@medusajs/cli/cli.js", { paths: [ROOT] })

/** `medusa <args>` in the repository (db:migrate, exec …), output into `logs/<name>.log`. */
export function medusaCommand(children: Children, args: string[], env: NodeJS.ProcessEnv, logsDir: string, name: string): Promise<void> {
  return children.run([CLI, ...args], { env, cwd: ROOT, logFile: join(logsDir, `${name}.log`) })
}

/**
 * The Medusa server with its admin: `medusa start` in development mode, which is what `medusa develop`
 * runs, minus the file watcher (the demo writes nothing in the repository, and a watcher would restart
 * the server whenever you edit a file while shopping). The admin is served by Vite from src/admin.
 */
export async function startMedusaServer(
  children: Children,
  options: { env: NodeJS.ProcessEnv; logsDir: string; url: string; timeoutMs?: number }
): Promise<{ exited: Promise<number>; logFile: string }> {
  const logFile = join(options.logsDir, "medusa.log")
  // NODE_ENV=development: the admin is served by Vite from src/admin, as under `medusa develop`
  const { exited } = children.start([CLI, "start"], { env: { ...options.env, NODE_ENV: "development" }, cwd: ROOT, logFile })
  let exitCode: number | undefined
  void exited.then((code) => (exitCode = code))
  const deadline = Date.now() + (options.timeoutMs ?? 300_000)
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the Medusa server exited with ${exitCode}; last lines of ${logFile}:\n${await tail(logFile)}`)
    if (await answers(`${options.url}/health`)) return { exited, logFile }
    if (Date.now() > deadline) throw new Error(`the Medusa server did not answer ${options.url}/health in time; see ${logFile}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return res.ok
  } catch {
    return false
  }
}
