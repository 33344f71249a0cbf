#!/usr/bin/env node
import { startSandbox, type Sandbox } from "./server"
import type { SandboxOptions } from "./options"
import { TEST_CARDS } from "../core/bank/contract/test-cards"

const REPOSITORY_DOCS = "https://github.com/medusa-payment-alliancepay/medusa-payment-alliancepay/blob/main/docs"

const HELP = `alliancepay-sandbox — a local stand-in for the Alliance Pay (Alliance Bank) HPP API

Usage: alliancepay-sandbox [--port 4010] [--host 127.0.0.1] [--public-url https://tunnel.example]

Options (each also settable by environment variable):
  --port <n>            SANDBOX_PORT         port to listen on (default 4010; 0 = any free port)
  --host <addr>         SANDBOX_HOST         interface to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --public-url <url>    SANDBOX_PUBLIC_URL   base URL shoppers and your shop reach the sandbox at
                                             (default: the listening URL)
  --help                                     show this text

Merchant identity (generated afresh on every start unless given):
  ALLIANCEPAY_SANDBOX_SERVICE_CODE   serviceCode
  ALLIANCEPAY_SANDBOX_MERCHANT_ID    merchantId
  ALLIANCEPAY_SANDBOX_PRIVATE_KEY    merchant private JWK (EC P-384, JSON)

Merchant configuration: on start it prints the values for your shop's plugin options
(ALLIANCEPAY_API_URL, ALLIANCEPAY_SERVICE_CODE, ALLIANCEPAY_MERCHANT_ID, ALLIANCEPAY_PRIVATE_KEY
in the README's medusa-config), and the \`export ALLIANCEPAY_SANDBOX_*\` lines that keep this
identity across restarts (give your shop the same values).

Guide (test cards, kopeck rules, callbacks, the control API under /__sandbox/): docs/sandbox.md,
installed with the package (node_modules/medusa-payment-alliancepay/docs/sandbox.md) and at
${REPOSITORY_DOCS}/sandbox.md
`

class UsageError extends Error {}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions | "help" {
  const options: SandboxOptions = {
    port: 4010,
    host: env.SANDBOX_HOST || "127.0.0.1",
    publicUrl: env.SANDBOX_PUBLIC_URL || undefined,
    serviceCode: env.ALLIANCEPAY_SANDBOX_SERVICE_CODE || undefined,
    merchantId: env.ALLIANCEPAY_SANDBOX_MERCHANT_ID || undefined,
    merchantPrivateJwk: env.ALLIANCEPAY_SANDBOX_PRIVATE_KEY || undefined,
  }
  if (env.SANDBOX_PORT) options.port = parsePort(env.SANDBOX_PORT, "SANDBOX_PORT")
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case "--help":
      case "-h":
        return "help"
      case "--port":
        options.port = parsePort(value(), "--port")
        break
      case "--host":
        options.host = value()
        break
      case "--public-url":
        options.publicUrl = value()
        break
      default:
        throw new UsageError(`unknown argument ${arg} (see --help)`)
    }
  }
  if (options.publicUrl) {
    try {
      new URL(options.publicUrl)
    } catch {
      throw new UsageError(`public URL "${options.publicUrl}" is not an absolute URL`)
    }
  }
  return options
}

function parsePort(text: string, what: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${what} must be a port number, got "${text}"`)
  return port
}

function describe(sandbox: Sandbox): string {
  const m = sandbox.merchant
  const privateJwk = JSON.stringify(m.privateJwk)
  const cards = TEST_CARDS.map((c) => `  ${c.number}  ${c.brand.padEnd(10)} ${c.outcome}`).join("\n")
  return `Alliance Pay sandbox bank listening on ${sandbox.url}
${sandbox.publicUrl !== sandbox.url ? `Public URL: ${sandbox.publicUrl}\n` : ""}
Merchant configuration (use these in the plugin options):
  API URL:            ${sandbox.publicUrl}
  Service code:       ${m.serviceCode}
  Merchant id:        ${m.merchantId}
  Private JWK (secret, one line):
${privateJwk}
  Public JWK:
${JSON.stringify(m.publicJwk)}

Keep this identity across restarts with:
  export ALLIANCEPAY_SANDBOX_SERVICE_CODE=${m.serviceCode}
  export ALLIANCEPAY_SANDBOX_MERCHANT_ID=${m.merchantId}
  export ALLIANCEPAY_SANDBOX_PRIVATE_KEY='${privateJwk}'

Test cards (any future expiry MM/YY, any 3-digit CVV; any other valid card succeeds):
${cards}
Amount rules override the card: kopecks .04 → success, .05/.06 → failure.
Refunds: kopecks .16 → success, .17/.18 → failure, otherwise PENDING, then success.

Control API: ${sandbox.publicUrl}/__sandbox/config   (guide: docs/sandbox.md in the package, or --help)
Press Ctrl+C to stop.
`
}

async function main(): Promise<void> {
  let options: SandboxOptions | "help"
  try {
    options = parseArgs(process.argv.slice(2), process.env)
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`alliancepay-sandbox: ${e.message}\n`)
      process.exit(2)
    }
    throw e
  }
  if (options === "help") {
    process.stdout.write(HELP)
    return
  }
  const sandbox = await startSandbox(options)
  process.stdout.write(describe(sandbox))
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal}: stopping the sandbox\n`)
    void sandbox.close().then(() => process.exit(0))
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

main().catch((e: unknown) => {
  process.stderr.write(`alliancepay-sandbox: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
