/**
 * Free text we send to the bank, reduced to what the docs allow (api §6.1, §6.3):
 * `merchantComment` takes only `a-zA-Z0-9 ,.;:@#$%'-=+` and at most 255 characters,
 * `purpose` any text of at most 255 characters.
 */

export const COMMENT_MAX = 255
export const PURPOSE_MAX = 255

const COMMENT_ALLOWED = /[a-zA-Z0-9 ,.;:@#$%'\-=+]/

/** Ukrainian national transliteration (KMU 2010); the pair is [word start, elsewhere]. */
const CYRILLIC: Record<string, string | [string, string]> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: ["ye", "ie"], ж: "zh", з: "z", и: "y", і: "i",
  ї: ["yi", "i"], й: ["y", "i"], к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u",
  ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ь: "", ю: ["yu", "iu"], я: ["ya", "ia"],
  // letters a Ukrainian shopper's browser may still produce
  ё: ["yo", "io"], ъ: "", ы: "y", э: "e",
}

const TYPOGRAPHY: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u02BC": "'", "`": "'", "\u201C": "'", "\u201D": "'", "\u00AB": "'", "\u00BB": "'",
  "\u2013": "-", "\u2014": "-", "\u2212": "-", _: "-", "/": "-", "\\": "-", "|": "-",
  "\u2116": "No", "&": "+", "(": " ", ")": " ", "[": " ", "]": " ", "{": " ", "}": " ", "\u00A0": " ",
}

const isLetter = (ch: string | undefined) => !!ch && /\p{L}/u.test(ch)

function transliterate(text: string): string {
  let out = ""
  const chars = Array.from(text)
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase()
    const rule = CYRILLIC[lower]
    if (rule === undefined) {
      out += ch
      return
    }
    let latin = Array.isArray(rule) ? rule[isLetter(chars[i - 1]) ? 1 : 0] : rule
    if (lower !== ch && latin) latin = latin[0].toUpperCase() + latin.slice(1)
    out += latin
  })
  return out
}

/** Cuts to `max` UTF-16 units without leaving half of a surrogate pair, then trims. */
export function limitText(text: string, max: number): string {
  let cut = text.slice(0, max)
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return cut.trim()
}

/** Purpose text: whitespace collapsed, at most 255 characters; undefined when nothing is left. */
export function bankPurpose(text: string | null | undefined): string | undefined {
  if (typeof text !== "string") return undefined
  return limitText(text.normalize("NFC").replace(/\s+/g, " ").trim(), PURPOSE_MAX) || undefined
}

/**
 * merchantComment in the documented charset: typographic marks become their ASCII
 * cousins (`_` of bank ids becomes `-`), Cyrillic is transliterated, Latin diacritics
 * are dropped, anything else is removed; undefined when nothing is left.
 */
export function bankComment(text: string | null | undefined, max = COMMENT_MAX): string | undefined {
  if (typeof text !== "string") return undefined
  let value = Array.from(text.normalize("NFC"), (ch) => TYPOGRAPHY[ch] ?? ch).join("")
  value = transliterate(value)
  value = value.normalize("NFD").replace(/[\u0300-\u036F]/g, "")
  value = Array.from(value.replace(/\s+/g, " "), (ch) => (COMMENT_ALLOWED.test(ch) ? ch : "")).join("")
  return limitText(value.replace(/ {2,}/g, " ").trim(), max) || undefined
}

export function isBankComment(text: string): boolean {
  return text.length <= COMMENT_MAX && Array.from(text).every((ch) => COMMENT_ALLOWED.test(ch))
}
