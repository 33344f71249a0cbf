/** `npm run bench`: every benchmark in turn; each writes its own section of docs/benchmarks.md. */
import { benchCreateOrder } from "./create-order"
import { benchJwe } from "./jwe"

const all: Record<string, () => Promise<unknown>> = { jwe: benchJwe, "create-order": benchCreateOrder }

async function main() {
  const only = process.argv.slice(2)
  for (const [name, run] of Object.entries(all)) {
    if (only.length && !only.includes(name)) continue
    console.log(`\n▶ ${name}`)
    const started = performance.now()
    await run()
    console.log(`✓ ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
