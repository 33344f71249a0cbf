/** Display only: amounts arrive as exact decimal strings and are never computed with here. */
export function formatMoney(amount: string | null, currency: string, language: string): string {
  if (amount === null) return "—"
  try {
    return new Intl.NumberFormat(language, { style: "currency", currency: currency.toUpperCase() }).format(Number(amount))
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

export function formatTime(iso: string | null, language: string): string {
  if (!iso) return "—"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date)
}
