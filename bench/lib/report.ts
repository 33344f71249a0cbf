import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { join } from "node:path"

const FILE = join(__dirname, "..", "..", "docs", "benchmarks.md")
const HEADER = `# Benchmarks

Written by \`npm run bench\` (each section is replaced by the benchmark that owns it). Figures are from one
run on the machine named in each section; ratios compare against a peer measured in the same run, so they
travel between machines better than absolute numbers do.
`

/** Replaces (or appends) the section between this benchmark's markers in docs/benchmarks.md. */
export function writeSection(name: string, markdown: string) {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const machine = `${cpus()[0]?.model ?? "cpu"} ×${cpus().length}, Node ${process.version}`
  const block = `${start}\n${markdown.trim()}\n\n_Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}._\n${end}`
  let text = existsSync(FILE) ? readFileSync(FILE, "utf8") : HEADER
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(FILE, text)
}
