import { execFile } from "node:child_process"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

export const ROOT = join(__dirname, "..", "..", "..")

/** `npm run build`, as before publishing: `medusa plugin:build`, then the declarations pass. */
export async function buildPackage(): Promise<void> {
  await run("npm", ["run", "build"], { cwd: ROOT, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 })
}

/** `npm pack` of the built package into `destination`; returns the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
  return join(destination, JSON.parse(stdout)[0].filename)
}
