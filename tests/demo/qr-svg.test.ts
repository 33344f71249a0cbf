import { createRequire } from "node:module"
import { describe, expect, it } from "vitest"
import { encodeQr, qrSvg, type QrLevel } from "../../scripts/demo/storefront/qr-svg"

// an independent encoder to check against: `qrcode` ships with Medusa's admin dashboard
// (@medusajs/dashboard); used here as an oracle only, never by the plugin or the demo
const qrcode = createRequire(import.meta.url)("qrcode") as {
  create(segments: { data: string; mode: "byte" }[], options: { errorCorrectionLevel: QrLevel; maskPattern?: number }): {
    modules: { size: number; data: Uint8Array }
    maskPattern: number
  }
}

const TEXTS = [
  "https://bank.gov.ua/qr/QkNECjAwMwoxCklDVAoK",
  // a full NBU QR link as the bank's docs print it (version 14–15)
  "https://bank.gov.ua/qr/QkNECjAwMwoxCklDVAoK0JrQvtCy0LDQu9GM0YHRjNC60LjQuSDQktC70LDQtNC40YHQu9Cw0LIg0KLQtdGB0YIKVUExMjMyMjAwMTAwMDAwMjYyMDYzNjM1MDU1MTMKVUFIMTAuMDAKMzQ2NzgwODE1MApNUDJCL09USFIKMTc2Mjk1MjE0NDIxNUNyZE15SkV3X0FJCjEzN2Q5MzA0LTAzNjgtMTE9ZWI5MzkKUGF5bWVudCBmb3IgT3JkZXIg4oSWMTIzNDU2CkZGRkYKMjUxMTEzMTQ1NTQ0CjI1MTExMjE0NTU0NAoK",
  "Оплата замовлення №42",
  "x".repeat(1200),
]

describe("demo storefront QR encoder", () => {
  for (const level of ["L", "M"] as const) {
    it(`draws the same modules as an independent encoder for every mask (level ${level})`, () => {
      for (const text of TEXTS) {
        for (let mask = 0; mask < 8; mask++) {
          const ours = encodeQr(text, level, mask)
          const theirs = qrcode.create([{ data: text, mode: "byte" }], { errorCorrectionLevel: level, maskPattern: mask }).modules
          expect(ours.length, `${text.slice(0, 20)} size`).toBe(theirs.size)
          const flat = ours.flat().map((d) => (d ? 1 : 0)).join("")
          expect(flat, `${text.slice(0, 20)} mask ${mask}`).toBe(Array.from(theirs.data, (d) => (d ? 1 : 0)).join(""))
        }
      }
    })
  }

  it("draws an SVG with a quiet zone, and refuses text longer than a QR code holds", () => {
    const svg = qrSvg(TEXTS[1])
    const size = encodeQr(TEXTS[1]).length + 8
    expect(svg).toMatch(new RegExp(`^<svg [^>]*viewBox="0 0 ${size} ${size}"`))
    expect(() => encodeQr("x".repeat(3000))).toThrow(/too long/)
  })
})
