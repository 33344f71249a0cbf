import { chmod, mkdir, readFile, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import { startSandbox, type Sandbox } from "../../src/sandbox"

interface SavedMerchant {
  serviceCode: string
  merchantId: string
  privateJwk: unknown
}

async function readMerchant(file: string): Promise<SavedMerchant | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, "utf8")) as SavedMerchant
    return saved.serviceCode && saved.merchantId && saved.privateJwk ? saved : undefined
  } catch {
    return undefined
  }
}

/**
 * The sandbox bank with one merchant identity for every run of the demo: made on the first run and
 * kept in `merchantFile` (a secret of the sandbox only, mode 0600), so the server's configuration
 * and the device session stored in the database stay valid across restarts.
 */
export async function startDemoSandbox(options: { port: number; publicUrl: string; merchantFile: string }): Promise<{ sandbox: Sandbox; reused: boolean }> {
  const saved = await readMerchant(options.merchantFile)
  const sandbox = await startSandbox({
    host: "127.0.0.1",
    port: options.port,
    publicUrl: options.publicUrl,
    serviceCode: saved?.serviceCode,
    merchantId: saved?.merchantId,
    merchantPrivateJwk: saved ? JSON.stringify(saved.privateJwk) : undefined,
    // the bank's status page shows the result for a few seconds, then sends the shopper back
    statusTimerSeconds: 3,
  })
  if (!saved) {
    const { serviceCode, merchantId, privateJwk } = sandbox.merchant
    await mkdir(dirname(options.merchantFile), { recursive: true })
    await writeFile(options.merchantFile, `${JSON.stringify({ serviceCode, merchantId, privateJwk }, null, 2)}\n`, { mode: 0o600 })
    await chmod(options.merchantFile, 0o600)
  }
  return { sandbox, reused: Boolean(saved) }
}

/** The ALLIANCEPAY_* variables that switch the plugin on in medusa-config.ts, pointed at this sandbox. */
export function alliancePayEnv(sandbox: Sandbox): Record<string, string> {
  return {
    ALLIANCEPAY_API_URL: sandbox.url,
    ALLIANCEPAY_SERVICE_CODE: sandbox.merchant.serviceCode,
    ALLIANCEPAY_MERCHANT_ID: sandbox.merchant.merchantId,
    ALLIANCEPAY_PRIVATE_KEY: JSON.stringify(sandbox.merchant.privateJwk),
  }
}
