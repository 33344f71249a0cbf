import { spawn, type ChildProcess } from "node:child_process"
import { createWriteStream, type WriteStream } from "node:fs"
import { readFile } from "node:fs/promises"

/**
 * The child processes the demo starts. Each runs in its own process group (detached), so stopping
 * it also stops what it started (Medusa's Vite and esbuild helpers): nothing is left behind.
 */
export class Children {
  private readonly running = new Set<ChildProcess>()

  constructor() {
    // last resort if the demo itself exits some other way: no orphans
    process.on("exit", () => {
      for (const child of this.running) signalGroup(child, "SIGKILL")
    })
  }

  /** Starts `node <args>` with its output appended to `logFile`. */
  start(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string }): { child: ChildProcess; exited: Promise<number> } {
    const log: WriteStream = createWriteStream(options.logFile, { flags: "a" })
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    child.stdout?.pipe(log, { end: false })
    child.stderr?.pipe(log, { end: false })
    this.running.add(child)
    const exited = new Promise<number>((resolve) => {
      child.once("exit", (code, signal) => {
        this.running.delete(child)
        // give the pipes a moment to drain into the log before closing it
        setTimeout(() => log.end(), 50)
        resolve(code ?? (signal ? 128 : 1))
      })
      child.once("error", () => resolve(1))
    })
    return { child, exited }
  }

  /** Runs `node <args>` to completion; rejects with the log's last lines when it fails. */
  async run(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string }): Promise<void> {
    const code = await this.start(args, options).exited
    if (code !== 0) throw new Error(`${args.slice(1).join(" ")} exited with ${code}; last lines of ${options.logFile}:\n${await tail(options.logFile)}`)
  }

  /** SIGTERM to every group, SIGKILL to whatever is still there after `graceMs`. */
  async stopAll(graceMs = 5_000): Promise<void> {
    const children = [...this.running]
    const gone = children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once("exit", () => resolve()))))
    for (const child of children) signalGroup(child, "SIGTERM")
    const timer = setTimeout(() => children.forEach((c) => signalGroup(c, "SIGKILL")), graceMs)
    await Promise.all(gone)
    clearTimeout(timer)
    // the group may outlive its leader (a grandchild ignoring SIGTERM)
    for (const child of children) signalGroup(child, "SIGKILL")
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is gone already
  }
}

export async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}
