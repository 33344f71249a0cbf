import type { Locator, Page } from "playwright-core"

/** The dashboard's own cards (@medusajs/ui Container) on the order page, found by their heading. */
const card = (page: Page, heading: string) =>
  page.locator("div.shadow-elevation-card-rest").filter({ has: page.getByRole("heading", { name: heading, exact: true }) })

/** Only the digits of an amount as the page writes it ("UAH 1,350.16", "- UAH 100.16", "₴100.16"): whole kopecks. */
export const kopecksShown = (text: string) => Number(text.replace(/[^\d]/g, ""))

/** Medusa's own Payments card of the order page, read and driven as a merchant does. */
export function medusaPayments(page: Page) {
  const payments = card(page, "Payments")
  return {
    locator: payments as Locator,
    /** the header's badge: the order's payment status (Captured, Partially refunded, Refunded, …) */
    status: () => payments.locator("div.flex.items-center.justify-between").first().locator("span").last().innerText(),
    /** each refund row's amount ("- UAH 100.16"), in kopecks */
    refunds: async () => (await payments.innerText()).split("\n").filter((line) => /^-\s/.test(line.trim())).map(kopecksShown),
    /** "Total paid by customer": captured less refunded, in kopecks */
    totalPaid: async () => {
      const text = await payments.innerText()
      const match = /Total paid by customer\s*\n?\s*([^\n]+)/.exec(text)
      return match ? kopecksShown(match[1]) : null
    },
    /** Medusa's Refund: the payment's action menu, then the refund drawer with `amount` */
    async refund(amount: string) {
      await payments.locator('button[aria-haspopup="menu"]').first().click()
      await page.getByRole("menuitem", { name: "Refund", exact: true }).click()
      const drawer = page.getByRole("dialog")
      await drawer.waitFor({ timeout: 20_000 })
      const input = drawer.locator("input").first()
      await input.fill(amount)
      await drawer.getByRole("button", { name: "Save", exact: true }).click()
      await drawer.waitFor({ state: "detached", timeout: 30_000 })
    },
  }
}

/** Medusa's own Cancel of the order: the order header's action menu and its confirmation. */
export async function cancelOrderInDashboard(page: Page, displayId: number) {
  const header = card(page, `#${displayId}`)
  await header.locator('button[aria-haspopup="menu"]').first().click()
  await page.getByRole("menuitem", { name: "Cancel", exact: true }).click()
  const prompt = page.getByRole("alertdialog")
  await prompt.waitFor({ timeout: 10_000 })
  await prompt.getByRole("button", { name: "Continue", exact: true }).click()
}
