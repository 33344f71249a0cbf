import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)
const root = join(__dirname, "..", "..", "..")

/** Where `medusa build --admin-only` leaves the dashboard bundle (with this repo's src/admin). */
export const ADMIN_BUILD_DIR = join(root, ".medusa", "admin")

/**
 * Builds the real admin dashboard with this repo's extensions, exactly as a merchant's
 * `medusa build` does (vite, ~30 s, up to ~2 GB). Set ALLIANCEPAY_E2E_REUSE_ADMIN=1 to reuse
 * the last build while iterating on the test itself.
 */
export async function buildAdmin(): Promise<string> {
  if (process.env.ALLIANCEPAY_E2E_REUSE_ADMIN === "1" && existsSync(join(ADMIN_BUILD_DIR, "index.html"))) return ADMIN_BUILD_DIR
  try {
    // the CLI itself, not through npx: a timeout then stops the build, not just a wrapper
    await run(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "build", "--admin-only"], {
      cwd: root,
      timeout: 300_000,
      maxBuffer: 20 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: "production", MEDUSA_BACKEND_URL: "/" },
    })
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string }
    throw new Error(`medusa build --admin-only failed:\n${stdout ?? ""}\n${stderr ?? ""}`)
  }
  if (!existsSync(join(ADMIN_BUILD_DIR, "index.html"))) throw new Error(`the admin build left no index.html in ${ADMIN_BUILD_DIR}`)
  return ADMIN_BUILD_DIR
}
