import { existsSync } from "node:fs"
import { copyFile } from "node:fs/promises"
import { join } from "node:path"
import reconcileJob from "../../src/jobs/reconcile-alliance-pay"
import type { Page } from "playwright-core"
import { expect, it } from "vitest"
import { ALLIANCE_PROVIDER, BANK, bankCalls } from "../support/medusa/alliance"
import { A2A_PROVIDER } from "../support/medusa/a2a"
import { dropCallbacks, orderPayments, placeAlliancePayOrder, placePayByBankOrder, placeSystemOrder, resetBank, settleAtBank, TEST_CARD } from "../support/medusa/orders"
import { useLanguage } from "../support/browser/admin-login"
import { creditMemoDrawer } from "../support/browser/credit-memo-drawer"
import { describeWithAdminInBrowser, E2E_ARTIFACTS } from "../support/browser/suite"
import { dailyCronFarFromNow } from "../support/medusa/suite"

const root = join(__dirname, "..", "..")
const README_SCREENSHOT = join(root, "docs", "screenshots", "admin-panel.png")
const CREDIT_MEMO_SCREENSHOT = join(root, "docs", "screenshots", "credit-memo.png")
const SETTINGS_SCREENSHOT = join(root, "docs", "screenshots", "admin-settings.png")
/** the docs' pictures are committed: refreshed only on request (or when missing), so a test run leaves git clean */
const updateScreenshot = (path: string) => process.env.ALLIANCEPAY_UPDATE_SCREENSHOTS === "1" || !existsSync(path)
const UPDATE_README_SCREENSHOT = updateScreenshot(README_SCREENSHOT)

const panel = (page: Page) => page.getByTestId("alliancepay-panel")
const stateBadge = (page: Page) => panel(page).getByTestId("alliancepay-state")

/** The card's "Details": operations, refunds, credit memos and earlier links, in a drawer. */
async function openDetails(page: Page) {
  await panel(page).getByTestId("alliancepay-details-open").click()
  const details = page.getByTestId("alliancepay-details")
  await details.waitFor({ timeout: 20_000 })
  return details
}

async function closeDetails(page: Page) {
  await page.keyboard.press("Escape")
  await page.getByTestId("alliancepay-details").waitFor({ state: "detached", timeout: 20_000 })
}

describeWithAdminInBrowser(
  "admin (browser): the Alliance Pay panel on the order page",
  (suite) => {
    it("shows the bank's view of an order awaiting payment; Check Payment Status captures it after the bank settles", async () => {
      const { world, client, seed, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await dropCallbacks(world.sandbox)
      const placed = await placeAlliancePayOrder(client, seed, TEST_CARD.slowBank)

      await useLanguage(page, adminUrl, "en")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      await expect.poll(() => stateBadge(page).getAttribute("data-state"), { timeout: 30_000 }).toBe("in_progress")
      await expect.poll(() => stateBadge(page).innerText()).toBe("Awaiting bank confirmation")
      expect(await panel(page).getByTestId("alliancepay-hpp-order-id").innerText()).toBe(placed.hppOrderId)
      // the card heads the order's side column: above the customer, beside the order's own sections
      const card = (await panel(page).boundingBox())!
      const customer = (await page.getByRole("heading", { name: "Customer", exact: true }).first().boundingBox())!
      expect(card.x).toBeGreaterThan(1440 / 2)
      expect(card.y).toBeLessThan(customer.y)
      // no Credit Memo while nothing is paid
      expect(await panel(page).getByTestId("alliancepay-credit-memo-open").count()).toBe(0)
      await panel(page).screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-awaiting.png") })
      let details = await openDetails(page)
      expect(await details.getByTestId("alliancepay-operations").innerText()).toMatch(/Payment\s+PURCHASE[\s\S]*Pending/)
      await closeDetails(page)

      // the bank settles the payment; its callback never arrives
      await settleAtBank(world.sandbox, placed.hppOrderId, "SUCCESS")
      const button = panel(page).getByTestId("alliancepay-check-status")
      expect(await button.innerText()).toBe("Check Payment Status")
      await button.click()

      await expect.poll(() => page.getByText("The bank confirmed the payment: it is now captured on the order.").count(), { timeout: 20_000 }).toBe(1)
      await expect.poll(() => stateBadge(page).getAttribute("data-state")).toBe("captured")
      expect(await stateBadge(page).innerText()).toBe("Paid")
      expect(await panel(page).getByTestId("alliancepay-bank-status").innerText()).toBe("Paid")
      // the capture makes a credit memo possible: its button appears without reloading the page
      await panel(page).getByTestId("alliancepay-credit-memo-open").waitFor({ timeout: 20_000 })
      expect((await orderPayments(client, placed.orderId)).captures).toHaveLength(1)
      await panel(page).screenshot({ path: join(E2E_ARTIFACTS, "admin-panel.png") })
      if (UPDATE_README_SCREENSHOT) await copyFile(join(E2E_ARTIFACTS, "admin-panel.png"), README_SCREENSHOT)
      details = await openDetails(page)
      expect(await details.getByTestId("alliancepay-operations").innerText()).toMatch(/Payment\s+PURCHASE[\s\S]*Successful\s+Approved/)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-details.png") })
      await closeDetails(page)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-page-captured-toast.png") })

      // pressed again: the bank has nothing new
      await button.click()
      await expect.poll(() => page.getByText("No change: the payment is still “Paid”.").count(), { timeout: 20_000 }).toBe(1)

      // the admin switched to Ukrainian
      await useLanguage(page, adminUrl, "uk")
      await page.reload()
      await expect.poll(() => stateBadge(page).innerText(), { timeout: 30_000 }).toBe("Оплачено")
      expect(await button.innerText()).toBe("Перевірити статус оплати")
      expect(await panel(page).getByTestId("alliancepay-bank-status").innerText()).toBe("Оплачено")
      await panel(page).screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-uk.png") })
      // the bank's codes in Ukrainian too: operation type, status and "approved"
      details = await openDetails(page)
      const operations = await details.getByTestId("alliancepay-operations").innerText()
      expect(operations).toMatch(/Оплата\s+PURCHASE[\s\S]*Успішно\s+Схвалено/)
      expect(operations).not.toMatch(/\bapproved\b|\bSUCCESS\b/)
      await closeDetails(page)
      await useLanguage(page, adminUrl, "en")
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("Credit Memo: one shirt and shipping refunded through the bank, the other one offline; the panel shows the memos and item statuses", async () => {
      const { world, client, seed, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await dropCallbacks(world.sandbox)
      const placed = await placeAlliancePayOrder(client, seed, TEST_CARD.visa, { quantity: 2 })
      await useLanguage(page, adminUrl, "en")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      await expect.poll(() => stateBadge(page).getAttribute("data-state"), { timeout: 30_000 }).toBe("captured")

      const drawer = await creditMemoDrawer(page, panel(page))
      expect(await drawer.itemsText()).toMatch(/Vyshyvanka · M\s+UAH\s1,250\.50\s+2\s+0/)
      // 1250.50 + 99.99 − 0.33 = 1350.16: the sandbox bank refunds a .16 amount at once (Intl puts a no-break space after "UAH")
      await drawer.fill({ quantity: "1", shipping: "99.99", adjustmentFee: "0.33", note: "One shirt came back" })
      await expect.poll(() => drawer.total()).toMatch(/1,350\.16/)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "credit-memo.png") })
      if (updateScreenshot(CREDIT_MEMO_SCREENSHOT)) await copyFile(join(E2E_ARTIFACTS, "credit-memo.png"), CREDIT_MEMO_SCREENSHOT)

      await drawer.press("refund", "The bank will return UAH 1,350.16 to the customer's card. This cannot be undone.")
      await expect.poll(() => page.getByText(/^Refunded UAH\s1,350\.16 through Alliance Pay\.$/).count(), { timeout: 20_000 }).toBe(1)
      let details = await openDetails(page)
      const memos = details.getByTestId("alliancepay-credit-memo")
      await expect.poll(() => memos.first().getAttribute("data-status")).toBe("refunded")
      await expect.poll(() => details.getByTestId("alliancepay-item-statuses").innerText()).toMatch(/1 of 2\s+Partially refunded/)
      await closeDetails(page)
      expect((await bankCalls(world.sandbox, BANK.refund)).map((c) => c.body?.coinAmount)).toEqual([135016])

      const offline = await creditMemoDrawer(page, panel(page))
      await offline.fill({ quantity: "1" })
      await offline.press("refund-offline", "UAH 1,250.50 will be recorded as refunded in the shop. The bank will not be asked")
      await expect.poll(() => page.getByText(/^Recorded an offline refund of UAH\s1,250\.50\.$/).count(), { timeout: 20_000 }).toBe(1)
      details = await openDetails(page)
      await expect.poll(() => memos.count()).toBe(2)
      expect(await memos.first().getAttribute("data-mode")).toBe("offline")
      await expect.poll(() => details.getByTestId("alliancepay-item-statuses").innerText()).toMatch(/2 of 2\s+Refunded/)
      expect(await bankCalls(world.sandbox, BANK.refund)).toHaveLength(1)
      await details.screenshot({ path: join(E2E_ARTIFACTS, "credit-memo-panel.png") })
      await closeDetails(page)
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("Credit Memo of a pay-by-bank order: only Refund Offline, with the reason in the admin's language; nothing reaches the bank's refund API", async () => {
      const { world, client, seed, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await dropCallbacks(world.sandbox)
      const placed = await placePayByBankOrder(client, seed)
      await useLanguage(page, adminUrl, "uk")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      await expect.poll(() => stateBadge(page).getAttribute("data-state"), { timeout: 30_000 }).toBe("captured")

      await creditMemoDrawer(page, panel(page))
      const why = page.getByTestId("alliancepay-credit-memo-offline-only")
      await expect.poll(() => why.innerText()).toContain("API банку повертає кошти лише на картки")
      expect(await page.getByTestId("alliancepay-credit-memo-refund").count()).toBe(0)
      await useLanguage(page, adminUrl, "en")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      const english = await creditMemoDrawer(page, panel(page))
      await expect.poll(() => why.innerText()).toContain("The bank's API returns money to cards only")
      await english.fill({ quantity: "1" })
      await english.press("refund-offline", "UAH 1,250.50 will be recorded as refunded in the shop. The bank will not be asked")
      await expect.poll(() => page.getByText(/^Recorded an offline refund of UAH\s1,250\.50\.$/).count(), { timeout: 20_000 }).toBe(1)
      expect(await bankCalls(world.sandbox, BANK.refund)).toEqual([])
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("a declined payment in the Ukrainian admin: the bank's reason in Ukrainian, said once", async () => {
      const { world, client, seed, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await dropCallbacks(world.sandbox)
      const placed = await placeAlliancePayOrder(client, seed, TEST_CARD.slowBank)
      await settleAtBank(world.sandbox, placed.hppOrderId, "FAIL")
      await useLanguage(page, adminUrl, "uk")
      await page.goto(`${adminUrl}/app/orders/${placed.orderId}`)
      await expect.poll(() => stateBadge(page).getAttribute("data-state"), { timeout: 30_000 }).toBe("in_progress")
      await panel(page).getByTestId("alliancepay-check-status").click()
      await expect.poll(() => stateBadge(page).getAttribute("data-state"), { timeout: 20_000 }).toBe("failed")
      const reason = panel(page).getByTestId("alliancepay-reason")
      await expect.poll(() => reason.innerText(), { timeout: 20_000 }).toBe("Замовлення скасовано: Відхилено банком-емітентом картки (1/05)")
      const card = await panel(page).innerText()
      expect(card.split("Відхилено банком-емітентом картки").length - 1).toBe(1)
      expect(card).not.toMatch(/declined|do not honor|FAIL\b/)
      expect(await panel(page).getByTestId("alliancepay-bank-status").innerText()).toBe("Неуспішно")
      const details = await openDetails(page)
      const text = await details.innerText()
      expect(text.split("Відхилено банком-емітентом картки").length - 1).toBe(2) // the note once, the operation once
      expect(text).not.toMatch(/declined: do not honor/)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-panel-declined-uk.png") })
      await closeDetails(page)
      await useLanguage(page, adminUrl, "en")
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("stays hidden on an order paid another way", async () => {
      const { client, seed, adminUrl, page, pageErrors } = suite
      const orderId = await placeSystemOrder(client, seed)
      const answered = page.waitForResponse((r) => r.url().includes(`/admin/alliance-pay/orders/${orderId}`))
      await page.goto(`${adminUrl}/app/orders/${orderId}`)
      expect((await answered).status()).toBe(400)
      await page.getByText("Summary", { exact: true }).first().waitFor({ timeout: 30_000 })
      expect(await panel(page).count()).toBe(0)
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("Settings → Alliance Pay: the connection status and Authorize by virtual device", async () => {
      const { world, adminUrl, page, pageErrors } = suite
      await resetBank(world.sandbox)
      await page.goto(`${adminUrl}/app/settings/alliance-pay`)
      const connection = page.getByTestId("alliancepay-connection")
      await expect.poll(() => connection.innerText(), { timeout: 30_000 }).toContain("Not connected")

      await connection.getByTestId("alliancepay-authorize").click()

      await expect.poll(() => page.getByText("The bank authorized this shop's device.").count(), { timeout: 20_000 }).toBe(1)
      await expect.poll(() => connection.innerText()).toMatch(/Connected/)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-settings-connection.png") })

      // the breadcrumb names the page
      const breadcrumb = page.locator("ol").filter({ has: page.locator("li", { hasText: /^Settings$/ }) })
      await expect.poll(() => breadcrumb.first().locator("li").allInnerTexts()).toEqual(["Settings", "Alliance Pay"])
      // the whole configuration, the service code masked and the key never shown
      const configuration = page.getByTestId("alliancepay-configuration")
      await expect.poll(() => configuration.innerText(), { timeout: 20_000 }).toContain(world.sandbox.merchant.merchantId)
      const shown = await configuration.innerText()
      expect(shown).toContain(`${world.medusaUrl}/hooks/payment/alliancepay_alliancepay`)
      expect(shown).toContain(world.sandbox.url)
      expect(shown).toContain("http://127.0.0.1:9/shop/return?cart_id={cart_id}")
      expect(shown).toMatch(/CARD\s+APPLE PAY\s+GOOGLE PAY/)
      expect(shown).toContain("60 min")
      expect(shown).not.toContain(world.sandbox.merchant.serviceCode)
      expect(await page.content()).not.toContain(String((world.sandbox.merchant.privateJwk as { d: string }).d))

      // Test connection: authorize, key check, one read
      await page.getByTestId("alliancepay-test-connection-button").click()
      await expect.poll(() => page.getByText("The connection works: authorized, key checked, the bank answered a read.").count(), { timeout: 20_000 }).toBe(1)
      const steps = page.getByTestId("alliancepay-test-step")
      expect(await steps.evaluateAll((els) => els.map((e) => [e.getAttribute("data-step"), e.getAttribute("data-ok")]))).toEqual([
        ["authorize", "true"],
        ["key", "true"],
        ["read", "true"],
      ])
      await page.setViewportSize({ width: 1440, height: 1400 })
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-settings-connection-test.png"), fullPage: true })
      await page.setViewportSize({ width: 1440, height: 1000 })
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })

    it("Settings → Alliance Pay: the last callback received, the reconciler's last run and its backlog, in English and Ukrainian", async () => {
      const { world, client, seed, adminUrl, page, pageErrors, getContainer } = suite
      await resetBank(world.sandbox)
      // nothing yet: said so, not left blank
      await useLanguage(page, adminUrl, "en")
      await page.goto(`${adminUrl}/app/settings/alliance-pay`)
      const activity = page.getByTestId("alliancepay-activity")
      await expect.poll(() => activity.getAttribute("data-loaded"), { timeout: 30_000 }).toBe("true")
      expect(await page.getByTestId("alliancepay-last-callback").innerText()).toBe("none yet")
      expect(await page.getByTestId("alliancepay-reconciler").innerText()).toMatch(/^has not run yet/)
      await page.goto("about:blank")

      // a shopper pays (the bank's callback reaches the shop), another leaves a link open, the reconciler runs once
      const placed = await placeAlliancePayOrder(client, seed, TEST_CARD.visa)
      await dropCallbacks(world.sandbox)
      await placeAlliancePayOrder(client, seed, TEST_CARD.slowBank)
      await expect
        .poll(async () => (await client.admin.get("/admin/alliance-pay/settings/activity")).activity.last_callback?.hpp_order_id, { timeout: 20_000 })
        .toBe(placed.hppOrderId)
      await reconcileJob(getContainer())

      await page.goto(`${adminUrl}/app/settings/alliance-pay`)
      await expect.poll(() => activity.getAttribute("data-loaded"), { timeout: 30_000 }).toBe("true")
      const callback = page.getByTestId("alliancepay-last-callback")
      expect(await callback.getAttribute("data-outcome")).toBe("verified")
      expect(await callback.innerText()).toContain(`bank order ${placed.hppOrderId}`)
      expect(await callback.innerText()).toContain("verified with the bank")
      const run = page.getByTestId("alliancepay-reconciler")
      expect(await run.getAttribute("data-outcome")).toBe("completed")
      expect(await run.innerText()).toMatch(/\d+ bank orders checked, \d+ changed, 0 failed/)
      expect(await page.getByTestId("alliancepay-backlog").innerText()).toMatch(/\d+ due now, [1-9]\d* followed in all/)
      const docs = page.getByTestId("alliancepay-docs")
      expect(await docs.locator("a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).toEqual([
        expect.stringMatching(/#readme$/),
        expect.stringMatching(/docs\/admin-panel\.md$/),
        expect.stringMatching(/#working-in-the-background$/),
        expect.stringMatching(/#troubleshooting-by-bank-error-code$/),
      ])
      await page.setViewportSize({ width: 1440, height: 1800 })
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-settings.png"), fullPage: true })
      if (updateScreenshot(SETTINGS_SCREENSHOT)) await copyFile(join(E2E_ARTIFACTS, "admin-settings.png"), SETTINGS_SCREENSHOT)
      await page.setViewportSize({ width: 1440, height: 1000 })

      await useLanguage(page, adminUrl, "uk")
      await page.reload()
      await expect.poll(() => activity.getAttribute("data-loaded"), { timeout: 30_000 }).toBe("true")
      const uk = await activity.innerText()
      expect(uk).toContain("Останнє сповіщення банку")
      expect(uk).toContain("перевірено в банку")
      expect(uk).toContain("Останній запуск звіряння")
      expect(uk).toMatch(/перевірено замовлень банку: \d+, змінено: \d+, з помилкою: 0/)
      expect(uk).toContain("Чекають на звіряння")
      expect(uk).not.toMatch(/verified|bank orders checked|due now/)
      await page.screenshot({ path: join(E2E_ARTIFACTS, "admin-settings-uk.png"), fullPage: true })
      await useLanguage(page, adminUrl, "en")
      expect(pageErrors).toEqual([])
      await page.goto("about:blank")
    })
  },
  {
    seed: { paymentProviders: [ALLIANCE_PROVIDER, A2A_PROVIDER, "pp_system_default"] },
    // the Settings test shows "has not run yet", then runs the reconciler itself: the every-minute schedule could land between
    env: { ALLIANCEPAY_RECONCILE_SCHEDULE: dailyCronFarFromNow() },
  }
)
