import type { Locator, Page } from "playwright-core"

export interface CreditMemoInput {
  quantity?: string
  shipping?: string
  adjustmentRefund?: string
  adjustmentFee?: string
  note?: string
}

/** The Credit Memo drawer of the Alliance Pay panel, driven as a merchant does. */
export async function creditMemoDrawer(page: Page, panel: Locator) {
  await panel.getByTestId("alliancepay-credit-memo-open").click()
  const drawer = page.getByTestId("alliancepay-credit-memo-drawer")
  await drawer.waitFor({ timeout: 20_000 })
  await drawer.getByTestId("alliancepay-credit-memo-items").waitFor()
  return {
    itemsText: () => drawer.getByTestId("alliancepay-credit-memo-items").innerText(),
    total: () => drawer.getByTestId("alliancepay-credit-memo-total").innerText(),
    async fill(input: CreditMemoInput) {
      if (input.quantity !== undefined) await drawer.getByTestId("alliancepay-credit-memo-qty").first().fill(input.quantity)
      if (input.shipping !== undefined) await drawer.getByTestId("alliancepay-credit-memo-shipping").fill(input.shipping)
      if (input.adjustmentRefund !== undefined) await drawer.getByTestId("alliancepay-credit-memo-adjustment-refund").fill(input.adjustmentRefund)
      if (input.adjustmentFee !== undefined) await drawer.getByTestId("alliancepay-credit-memo-adjustment-fee").fill(input.adjustmentFee)
      if (input.note !== undefined) await drawer.getByTestId("alliancepay-credit-memo-note").fill(input.note)
    },
    /** Presses Refund or Refund Offline and confirms the prompt, after checking what it says. */
    async press(button: "refund" | "refund-offline", expectedPrompt: string) {
      await drawer.getByTestId(`alliancepay-credit-memo-${button}`).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.waitFor({ timeout: 10_000 })
      // Intl formats money with no-break spaces
      const text = (await prompt.innerText()).replace(/\u00a0/g, " ")
      if (!text.includes(expectedPrompt)) throw new Error(`the confirmation says: ${text}`)
      await prompt.getByRole("button", { name: "Confirm" }).click()
    },
  }
}
