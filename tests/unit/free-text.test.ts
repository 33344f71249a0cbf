import { describe, expect, it } from "vitest"
import { bankComment, bankPurpose, isBankComment, limitText } from "../../src/core/bank/free-text"

describe("merchantComment in the documented charset a-zA-Z0-9 ,.;:@#$%'-=+ (api §6.1, §6.3)", () => {
  it("bank order ids keep every character but `_`, which becomes `-`", () => {
    expect(bankComment("Refund of 1762952144215CrdMyJEw_AI")).toBe("Refund of 1762952144215CrdMyJEw-AI")
    expect(bankComment("Refund of 1728558518169TnfMpJ0tO-P")).toBe("Refund of 1728558518169TnfMpJ0tO-P")
  })

  it("the docs' own examples pass unchanged", () => {
    for (const text of ["12", "137d9304-0368-11=eb939", "merchant Comment id 1258728c1"]) {
      expect(bankComment(text)).toBe(text)
      expect(isBankComment(text)).toBe(true)
    }
  })

  it("Cyrillic is transliterated (Ukrainian national table), typography becomes ASCII", () => {
    expect(bankComment("Повернення товару клієнтом")).toBe("Povernennia tovaru kliientom")
    expect(bankComment("Їжак, Юля та Щастя")).toBe("Yizhak, Yulia ta Shchastia")
    expect(bankComment("Замовлення №123 — «термінове»")).toBe("Zamovlennia No123 - 'terminove'")
    expect(bankComment("Café Señor")).toBe("Cafe Senor")
  })

  it("drops what cannot be written and collapses the spaces left behind", () => {
    expect(bankComment("a\tb\n\nc  (d) <e> 😀 !?*")).toBe("a b c d e")
    expect(bankComment("_")).toBe("-")
    expect(bankComment("😀 ?! ")).toBeUndefined()
    expect(bankComment("")).toBeUndefined()
    expect(bankComment(undefined)).toBeUndefined()
  })

  it("every output is in the charset and at most 255 characters, whatever the input", () => {
    const inputs = ["Щ".repeat(200), "x_".repeat(300), "Ґ’ʼ`«»№&/\\|[]{}", String.fromCharCode(...Array.from({ length: 900 }, (_, i) => i))]
    for (const input of inputs) {
      const out = bankComment(input)!
      expect(isBankComment(out)).toBe(true)
      expect(out.length).toBeLessThanOrEqual(255)
    }
    expect(bankComment("Щ".repeat(200))).toHaveLength(255)
  })
})

describe("purpose: any text, at most 255 characters", () => {
  it("keeps Cyrillic and №, collapses whitespace, cuts at 255 without splitting a surrogate pair", () => {
    expect(bankPurpose("  Оплата замовлення\n№123  ")).toBe("Оплата замовлення №123")
    expect(bankPurpose("я".repeat(300))).toHaveLength(255)
    const cut = limitText("a".repeat(254) + "😀", 255)
    expect(cut).toBe("a".repeat(254))
    expect(bankPurpose("   ")).toBeUndefined()
  })
})
