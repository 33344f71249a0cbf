/**
 * The house's floors (docs/architecture.md): an import may go down or sideways, never up.
 * Read from the sources themselves, so a new file is held to the rule the day it is written.
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

const SRC = path.resolve(__dirname, "../../src")

type Room = "core" | "sandbox" | "modules" | "workflows" | "providers" | "api" | "subscribers" | "jobs" | "admin" | "policies"

/** Which rooms each room may import from (itself always). */
const MAY_IMPORT: Record<Room, Room[]> = {
  core: [],
  sandbox: ["core"],
  modules: ["core"],
  workflows: ["core", "modules"],
  providers: ["core", "modules"],
  api: ["core", "modules", "workflows", "policies"],
  subscribers: ["core", "modules", "workflows"],
  jobs: ["core", "modules", "workflows"],
  policies: [],
  // the browser bundle: values from the core only; the server's answers by their types
  admin: ["core"],
}
const TYPES_ONLY: Partial<Record<Room, Room[]>> = { admin: ["workflows", "api", "modules"] }
/** Rooms that must run outside Medusa (the client is published on its own; the sandbox is a CLI). */
const FRAMEWORK_FREE: Room[] = ["core", "sandbox"]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === "migrations" ? [] : sourceFiles(full)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : []
  })
}

const roomOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] as Room

interface Import {
  spec: string
  typeOnly: boolean
}

function importsOf(file: string, text = readFileSync(file, "utf8")): Import[] {
  const found: Import[] = []
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g
  for (const m of text.matchAll(re)) found.push({ spec: m[3] ?? m[4], typeOnly: !!m[2] })
  return found
}

function upwardImports(paths: string[], textOf: (file: string) => string = (f) => readFileSync(f, "utf8")): string[] {
  const wrong: string[] = []
  for (const file of paths) {
    const room = roomOf(file)
    for (const { spec, typeOnly } of importsOf(file, textOf(file))) {
      if (!spec.startsWith(".")) continue
      const target = path.resolve(path.dirname(file), spec)
      if (!target.startsWith(SRC + path.sep)) continue
      const to = roomOf(target)
      if (to === room || MAY_IMPORT[room].includes(to)) continue
      if (typeOnly && TYPES_ONLY[room]?.includes(to)) continue
      wrong.push(`${path.relative(SRC, file)} → ${spec}${typeOnly ? " (type)" : ""}`)
    }
  }
  return wrong
}

const files = sourceFiles(SRC)

describe("the floors of src/", () => {
  it("knows every room under src/", () => {
    const rooms = new Set(files.map(roomOf))
    expect([...rooms].filter((r) => !(r in MAY_IMPORT))).toEqual([])
  })

  it("no import runs back up", () => {
    expect(upwardImports(files)).toEqual([])
  })

  it("the core and the sandbox import nothing from Medusa", () => {
    const wrong = files
      .filter((f) => FRAMEWORK_FREE.includes(roomOf(f)))
      .flatMap((f) => importsOf(f).filter((i) => i.spec.startsWith("@medusajs/")).map((i) => `${path.relative(SRC, f)} → ${i.spec}`))
    expect(wrong).toEqual([])
  })

  it("catches an upward import, and lets the admin import the server's types only", () => {
    const probes: Record<string, string> = {
      [path.join(SRC, "core/bank/probe.ts")]: 'import { reconcileDue } from "../../workflows/reconcile"',
      [path.join(SRC, "modules/alliance-pay/probe.ts")]: 'export { x } from "../../api/middlewares"\nimport("../../jobs/reconcile-alliance-pay")',
      [path.join(SRC, "admin/lib/probe.ts")]: 'import type { A } from "../../workflows/admin-views/types"\nimport { b } from "../../workflows/admin-views/payments"',
    }
    expect(upwardImports(Object.keys(probes), (f) => probes[f])).toEqual([
      "core/bank/probe.ts → ../../workflows/reconcile",
      "modules/alliance-pay/probe.ts → ../../api/middlewares",
      "modules/alliance-pay/probe.ts → ../../jobs/reconcile-alliance-pay",
      "admin/lib/probe.ts → ../../workflows/admin-views/payments",
    ])
  })
})
