import { join } from "node:path"
import { expect, it } from "vitest"
import { cartReadyForPayment, startPayment } from "../support/medusa"
import { ALLIANCE_PROVIDER, BANK, bankCalls, CARDS, hppIdOf, payOnHostedPage, sandboxControl } from "../support/medusa/alliance"
import { dropCallbacks, resetBank } from "../support/medusa/orders"
import { useLanguage } from "../support/browser/admin-login"
import { describeWithAdminInBrowser, E2E_ARTIFACTS } from "../support/browser/suite"

describeWithAdminInBrowser("admin (browser): Alliance Pay payments, and money paid without an order", (suite) => {
  it("a shopper pays, then switches to another method: the payment shows up flagged, and Refund now + Re-check resolve it", async () => {
    const { world, client, seed, adminUrl, page, pageErrors } = suite
    await resetBank(world.sandbox)
    await dropCallbacks(world.sandbox)
    // made through the sandbox: paid on the bank's page, then the shopper picks another method
    const cart = await cartReadyForPayment(client, seed, { quantity: 2 })
    const collection = await startPayment(client, cart.id, ALLIANCE_PROVIDER, { cart_id: cart.id })
    const redirectUrl = collection.payment_sessions[0].data.redirect_url as string
    const hpp = hppIdOf(redirectUrl)
    await payOnHostedPage(redirectUrl, CARDS.visa)
    await client.store.post(`/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" })

    await useLanguage(page, adminUrl, "en")
    // the orders list says so, and leads to the page
    await page.goto(`${adminUrl}/app/orders`)
    const banner = page.getByTestId("alliancepay-attention-banner")
    await expect.poll(() => banner.getAttribute("data-count"), { timeout: 30_000 }).toBe("1")
    await banner.getByRole("link").click()
    await page.waitForURL(/\/app\/alliance-pay/)

    const row = page.locator(`[data-testid="alliancepay-payment-row"][data-hpp="${hpp}"]`)
    await expect.poll(() => row.getByTestId("alliancepay-attention").getAttribute("data-reasons"), { timeout: 30_000 }).toBe("paid_without_order detached")
    expect(await row.innerText()).toMatch(/Paid without an order[\s\S]*Automatic refund at/)
    expect(await row.innerText()).toMatch(/no order/)
    expect(await page.getByTestId("alliancepay-attention-count").getAttribute("data-count")).toBe("1")
    await page.screenshot({ path: join(E2E_ARTIFACTS, "payments-page-orphan.png") })

    // the one action that resolves it: the bank returns the money
    await row.getByTestId("alliancepay-refund-orphan").click()
    await expect.poll(() => page.getByText("The bank was asked to return the money to the card.").count(), { timeout: 20_000 }).toBe(1)
    const [call] = await bankCalls(world.sandbox, BANK.refund)
    expect(call.body?.coinAmount).toBe(260099)
    await expect.poll(() => row.getByTestId("alliancepay-refund-orphan").count()).toBe(1) // still flagged while the bank processes it

    // the bank settles it; a re-check clears the flag
    await sandboxControl(world.sandbox, `/refunds/${call.body!.merchantRequestId}/settle`, { status: "SUCCESS" })
    await row.getByTestId("alliancepay-recheck").click()
    // resolved: it leaves "Only what needs attention", and the count is zero
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => page.getByTestId("alliancepay-attention-count").getAttribute("data-count")).toBe("0")
    await page.getByTestId("alliancepay-only-attention").click()
    await expect.poll(() => row.getByTestId("alliancepay-attention").getAttribute("data-reasons"), { timeout: 20_000 }).toBe("detached")
    expect(await row.innerText()).toMatch(/UAH\s2,600\.99 \/ UAH\s0\.00/)
    await row.locator("summary").click()
    expect(await row.getByTestId("alliancepay-history").innerText()).toMatch(/Found paid without an order[\s\S]*Refund asked from the bank[\s\S]*Refunded/)
    await page.screenshot({ path: join(E2E_ARTIFACTS, "payments-page-resolved.png") })

    // in Ukrainian
    await useLanguage(page, adminUrl, "uk")
    await page.reload()
    await expect.poll(() => page.getByRole("heading", { name: "Платежі Alliance Pay" }).count(), { timeout: 30_000 }).toBe(1)
    await useLanguage(page, adminUrl, "en")
    expect(pageErrors).toEqual([])
    await page.goto("about:blank")
  })
})
