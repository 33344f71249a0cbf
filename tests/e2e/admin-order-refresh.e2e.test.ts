import { join } from "node:path"
import { expect, it } from "vitest"
import { BANK, bankCalls } from "../support/medusa/alliance"
import { dropCallbacks, placeAlliancePayOrder, resetBank, TEST_CARD } from "../support/medusa/orders"
import { useLanguage } from "../support/browser/admin-login"
import { cancelOrderInDashboard, kopecksShown, medusaPayments } from "../support/browser/medusa-order-page"
import { describeWithAdminInBrowser, E2E_ARTIFACTS } from "../support/browser/suite"

/** What the Alliance Pay card's badge may say beside each of Medusa's payment statuses on the same page. */
const AGREES_WITH_MEDUSA: Record<string, string> = {
  captured: "Captured",
  partially_refunded: "Partially refunded",
  refunded: "Refunded",
}

describeWithAdminInBrowser(
  "admin (browser): the Alliance Pay card follows Medusa's own Refund and Cancel, and never contradicts its Payments card",
  (suite) => {
    const panel = () => suite.page.getByTestId("alliancepay-panel")
    const cardState = () => panel().getByTestId("alliancepay-state").getAttribute("data-state")

    /** The two cards on one page say the same: status, amount paid, each refund, and what the customer paid in the end. */
    async function expectCardsAgree(expected: { state: string; refunded: number[] }) {
      const payments = medusaPayments(suite.page)
      await expect.poll(cardState, { timeout: 30_000 }).toBe(expected.state)
      await expect.poll(() => payments.status(), { timeout: 30_000 }).toBe(AGREES_WITH_MEDUSA[expected.state])
      await expect.poll(() => payments.refunds(), { timeout: 30_000 }).toEqual(expected.refunded)
      const amount = kopecksShown(await panel().getByTestId("alliancepay-amount").innerText())
      const refunded = expected.refunded.reduce((a, b) => a + b, 0)
      if (refunded) expect(kopecksShown(await panel().getByTestId("alliancepay-refunded").innerText())).toBe(refunded)
      else expect(await panel().getByTestId("alliancepay-refunded").count()).toBe(0)
      expect(await payments.totalPaid()).toBe(amount - refunded)
    }

    it("a partial refund, then Cancel: the card refreshes itself each time, without a reload, and agrees with Medusa's Payments card", async () => {
      const { world, client, seed, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await dropCallbacks(world.sandbox)
      const placed = await placeAlliancePayOrder(client, seed, TEST_CARD.visa, { quantity: 2 }) // UAH 2,600.99
      await useLanguage(page, adminUrl, "en")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      await expectCardsAgree({ state: "captured", refunded: [] })
      expect(kopecksShown(await panel().getByTestId("alliancepay-amount").innerText())).toBe(260099)
      // a reload would lose this mark: everything below happens on the same page
      await page.evaluate(() => Object.assign(window, { __samePage: true }))

      // Medusa's own Refund, from its Payments card (a .16 amount: the sandbox bank settles it at once)
      await medusaPayments(page).refund("100.16")
      await expectCardsAgree({ state: "partially_refunded", refunded: [10016] })
      expect(await panel().getByTestId("alliancepay-refund-pending").count()).toBe(0)
      expect((await bankCalls(world.sandbox, BANK.refund)).map((c) => c.body?.coinAmount)).toEqual([10016])
      // the bank's status was read before the refund: said so, never shown as the bank's word now
      expect(await panel().getByTestId("alliancepay-bank-status").innerText()).toBe("Paid")
      expect(await panel().getByTestId("alliancepay-bank-status-stale").innerText()).toBe(
        "as read before the last refund; Check Payment Status reads it again"
      )
      await panel().screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-partially-refunded-before-check.png") })
      await panel().getByTestId("alliancepay-check-status").click()
      await expect.poll(() => panel().getByTestId("alliancepay-bank-status").innerText(), { timeout: 20_000 }).toBe("Partially refunded")
      expect(await panel().getByTestId("alliancepay-bank-status-stale").count()).toBe(0)
      await expectCardsAgree({ state: "partially_refunded", refunded: [10016] })
      await panel().screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-partially-refunded.png") })

      // Medusa's own Cancel: Medusa refunds what is left through the provider (the bank answers PENDING)
      await cancelOrderInDashboard(page, placed.displayId)
      await expect.poll(() => panel().getByTestId("alliancepay-order-status").count(), { timeout: 30_000 }).toBe(1)
      expect(await panel().getByTestId("alliancepay-order-status").innerText()).toBe("Canceled")
      await expectCardsAgree({ state: "refunded", refunded: [10016, 250083] })
      expect(kopecksShown(await panel().getByTestId("alliancepay-refund-pending").innerText())).toBe(250083)
      expect(await panel().getByTestId("alliancepay-bank-status-stale").count()).toBe(1)
      expect((await bankCalls(world.sandbox, BANK.refund)).map((c) => c.body?.coinAmount)).toEqual([10016, 250083])
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-order-canceled.png"), fullPage: true })

      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })
  },
  { viewport: { width: 1440, height: 1400 } }
)
