import { TEST_CARD } from "../../src/core/bank/contract/test-cards"
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "../support/browser/browser"
import { freePort } from "../support/browser/ports"

/**
 * `npm run demo` as a newcomer meets it: the demo started as a child process (embedded PGlite, fresh
 * state, random ports), a shopper's whole journey on its storefront through the sandbox bank's page,
 * the paid order in the admin, Ctrl-C, and a second start that reuses what the first one seeded.
 */
const root = join(__dirname, "..", "..")
const ARTIFACTS = join(root, "test-artifacts", "e2e")
const SCREENSHOTS = join(root, "docs", "screenshots")
const ADMIN = { email: "admin@alliancepay.demo", password: "alliancepay-demo" }
const PANEL_SOURCE = join(root, "src", "admin", "widgets", "alliance-pay-order.tsx")

class Demo {
  output = ""
  private constructor(
    readonly child: ChildProcess,
    readonly exited: Promise<number | null>
  ) {}

  static async start(env: NodeJS.ProcessEnv): Promise<Demo> {
    const child = spawn(process.execPath, ["-r", "./scripts/register-ts.js", "scripts/demo/index.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
    const demo = new Demo(child, exited)
    child.stdout!.on("data", (d) => (demo.output += d))
    child.stderr!.on("data", (d) => (demo.output += d))
    const deadline = Date.now() + 300_000
    while (!demo.output.includes("Alliance Pay demo is ready")) {
      if (child.exitCode !== null) throw new Error(`the demo exited with ${child.exitCode}:\n${demo.output}`)
      if (Date.now() > deadline) throw new Error(`the demo was not ready within 5 minutes:\n${demo.output}`)
      await new Promise((r) => setTimeout(r, 250))
    }
    return demo
  }

  /** Ctrl-C, as in a terminal */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill("SIGINT")
    return Promise.race([this.exited, new Promise<null>((_, reject) => setTimeout(() => reject(new Error("the demo did not stop within 30 s")), 30_000))])
  }
}

/** Live processes (the demo and anything it started) whose environment carries `marker`: pid and command. */
async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = []
  for (const pid of (await readdir("/proc")).filter((d) => /^\d+$/.test(d))) {
    try {
      const state = /^State:\s+(\S)/m.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1]
      if (state === "Z" || state === "X") continue // dead, waiting for its parent to reap it
      if (!(await readFile(`/proc/${pid}/environ`, "latin1")).split("\0").includes(marker)) continue
      found.push(`${pid} ${(await readFile(`/proc/${pid}/cmdline`, "latin1")).replace(/\0/g, " ").trim()}`)
    } catch {
      // gone, or not ours to read
    }
  }
  return found
}

async function screenshot(page: Page, name: string): Promise<void> {
  const file = join(ARTIFACTS, name)
  await page.screenshot({ path: file, fullPage: true })
  // the README's pictures are committed: refreshed only on request (or when missing), so a run leaves git clean
  const readme = join(SCREENSHOTS, name)
  if (process.env.ALLIANCEPAY_UPDATE_SCREENSHOTS === "1" || !existsSync(readme)) {
    await mkdir(SCREENSHOTS, { recursive: true })
    await copyFile(file, readme)
  }
}

/** product → cart → address → delivery → the method (cards unless told) → "Pay" */
async function checkoutToBank(page: Page, storefront: string, method?: "pay-by-bank"): Promise<void> {
  await page.goto(storefront)
  await page.getByTestId("add-to-cart").click()
  await page.getByTestId("cart-items").waitFor()
  for (const [field, value] of Object.entries({ email: "olena@example.ua", first_name: "Олена", last_name: "Пчілка", address_1: "вул. Січових Стрільців, 1", city: "Київ", postal_code: "04053" })) {
    await page.getByTestId(field).fill(value)
  }
  await page.getByTestId("to-delivery").click()
  await page.getByTestId("shipping-option").first().check()
  await page.getByTestId("pay").waitFor()
  if (method) await page.getByTestId(method).check()
  await page.getByTestId("pay").click()
}

/** on the bank's page: pays with `card`; returns the bank order id */
async function payAtBank(page: Page, sandbox: string, card: string): Promise<string> {
  await page.waitForURL((u) => u.origin === sandbox && u.pathname.startsWith("/hpp"), { timeout: 30_000 })
  const hppId = new URL(page.url()).searchParams.get("hpp_id")!
  await page.locator("#card_number").fill(card)
  await page.locator("#expiry").fill("12/30")
  await page.locator("#cvv").fill("123")
  await page.locator('button[type="submit"]').first().click()
  return hppId
}

describe("npm run demo (browser): from the storefront through the bank to the admin", () => {
  let stateDir: string
  let env: NodeJS.ProcessEnv
  let demo: Demo | undefined
  let browser: Browser | undefined
  let urls: { storefront: string; medusa: string; sandbox: string }
  /** the last order number the storefront showed: the next order must take the very next one */
  let lastDisplayId = 0
  const nextOrderNumber = async (page: Page) => {
    expect(await page.getByTestId("order-title").textContent()).toMatch(new RegExp(`#${lastDisplayId + 1}$`))
    lastDisplayId++
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), "alliancepay-demo-e2e-"))
    const [storefront, medusa, sandbox] = [await freePort(), await freePort(), await freePort()]
    urls = { storefront: `http://localhost:${storefront}`, medusa: `http://localhost:${medusa}`, sandbox: `http://localhost:${sandbox}` }
    env = {
      DEMO_DATABASE: "pglite",
      DEMO_STATE_DIR: stateDir,
      DEMO_STOREFRONT_PORT: String(storefront),
      DEMO_MEDUSA_PORT: String(medusa),
      DEMO_SANDBOX_PORT: String(sandbox),
      DATABASE_URL: "",
      LOG_LEVEL: "info",
    }
    await mkdir(ARTIFACTS, { recursive: true })
    demo = await Demo.start(env)
    browser = await launchChromium()
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await demo?.stop().catch(() => demo?.child.kill("SIGKILL"))
    if (stateDir) await rm(stateDir, { recursive: true, force: true })
  })

  it("starts with one line naming its database and prints the URLs to open", () => {
    expect(demo!.output).toMatch(/Database: embedded PGlite, DEMO_DATABASE=pglite; data in .*pglite, served on 127\.0\.0\.1:\d+/)
    expect(demo!.output).toContain("seeded: region Україна (UAH) with Alliance Pay")
    expect(demo!.output).toContain(`Storefront      ${urls.storefront}`)
    expect(demo!.output).toContain(`Admin           ${urls.medusa}/app   ${ADMIN.email} / ${ADMIN.password}`)
    expect(demo!.output).toContain(`Sandbox bank    ${urls.sandbox}/__sandbox`)
    expect(demo!.output).toContain(TEST_CARD.visa)
  })

  it("a shopper pays on the bank's page and sees the paid order; the merchant sees it in the admin", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })

    // product → cart
    await page.goto(urls.storefront)
    await expect.poll(() => page.getByTestId("price").textContent()).toContain("1")
    await page.getByTestId("size").selectOption({ label: "M" })
    await page.getByTestId("quantity").fill("2")
    await page.getByTestId("add-to-cart").click()
    await expect.poll(() => page.getByTestId("cart-items").textContent()).toContain("M × 2")

    // email and address → shipping
    await page.getByTestId("email").fill("taras@example.ua")
    await page.getByTestId("first_name").fill("Тарас")
    await page.getByTestId("last_name").fill("Шевченко")
    await page.getByTestId("phone").fill("+380 63 000 00 00")
    await page.getByTestId("address_1").fill("вул. Володимирська, 60")
    await page.getByTestId("city").fill("Київ")
    await page.getByTestId("postal_code").fill("01033")
    await page.getByTestId("to-delivery").click()
    await page.getByTestId("shipping-option").first().check()
    // 2 × 1250.50 + 99.99 shipping
    await expect.poll(() => page.getByTestId("total").textContent(), { timeout: 15_000 }).toMatch(/2\s?600,99/)
    await page.getByTestId("pay").waitFor()
    await screenshot(page, "demo-storefront.png")

    // "Alliance Pay" → the bank's hosted page
    await page.getByTestId("pay").click()
    await page.waitForURL((u) => u.origin === urls.sandbox && u.pathname.startsWith("/hpp"), { timeout: 30_000 })
    await expect.poll(() => page.locator("body").textContent()).toMatch(/2\s?600[.,]99/)
    await page.locator("#card_number").fill(TEST_CARD.visa)
    await page.locator("#expiry").fill("12/30")
    await page.locator("#cvv").fill("123")
    await screenshot(page, "demo-bank-page.png")
    await page.locator('button[type="submit"]').first().click()

    // the bank's status page sends the shopper back; the return page completes the cart
    await page.waitForURL((u) => u.origin === urls.storefront && u.pathname === "/checkout/alliancepay", { timeout: 60_000 })
    await page.getByTestId("order-paid").waitFor({ timeout: 60_000 })
    const title = page.getByTestId("order-title")
    const orderId = await title.getAttribute("data-order-id")
    const displayId = (await title.textContent())!.replace(/.*#/, "")
    lastDisplayId = Number(displayId)
    expect(orderId).toMatch(/^order_/)
    expect(await page.getByTestId("order-total").textContent()).toMatch(/2\s?600,99/)
    // the payment's state comes from the shop's own answer: never "undefined"
    expect(await page.getByTestId("order-payment-status").textContent()).toContain("оплачено")
    expect(await page.locator("body").textContent()).not.toContain("undefined")
    await screenshot(page, "demo-order.png")

    // the merchant: the order in the admin (served by Vite in development mode: the first load is slow)
    await page.goto(`${urls.medusa}/app/login`, { timeout: 180_000 })
    await page.locator('input[name="email"]').fill(ADMIN.email, { timeout: 180_000 })
    await page.locator('input[name="password"]').fill(ADMIN.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 60_000 })
    await page.goto(`${urls.medusa}/app/orders/${orderId}`)
    await page.getByText(`#${displayId}`).first().waitFor({ timeout: 60_000 })
    await page.getByText("taras@example.ua").first().waitFor()
    if (existsSync(PANEL_SOURCE)) {
      // the Alliance Pay panel: the bank's state of this order's payment
      await page.locator('[data-testid="alliancepay-state"][data-state="captured"]').waitFor({ timeout: 60_000 })
    }
    // tall enough for the order's header, its payment and the Alliance Pay panel in one picture
    await page.setViewportSize({ width: 1280, height: 2000 })
    await screenshot(page, "demo-admin-order.png")
    await page.close()
  }, 420_000)

  it("a declined card (phone-sized screen): the bank's reason in the shopper's language, and paying again takes the next order number", async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    await checkoutToBank(page, urls.storefront)
    const declined = await payAtBank(page, urls.sandbox, TEST_CARD.declined)
    await page.waitForURL((u) => u.origin === urls.storefront, { timeout: 60_000 })
    await page.getByTestId("failed").waitFor({ timeout: 30_000 })
    // the bank's reason, not Medusa's "Session: payses_… was not authorized"
    const reason = page.getByTestId("failed-reason")
    expect(await reason.getAttribute("data-code")).toBe("1/05")
    expect(await reason.textContent()).toContain("відхилив оплату")
    expect(await page.locator("body").textContent()).not.toMatch(/payses_|not authorized|undefined/)
    await page.locator("#lang").click()
    await expect.poll(() => reason.textContent()).toContain("declined the payment")
    await page.locator("#lang").click()
    await page.screenshot({ path: join(ARTIFACTS, "demo-declined-phone.png"), fullPage: true })
    await page.getByTestId("pay-again").click()
    // a new payment session: a new bank order
    const retried = await payAtBank(page, urls.sandbox, TEST_CARD.visa)
    expect(retried).not.toBe(declined)
    await page.waitForURL((u) => u.origin === urls.storefront, { timeout: 60_000 })
    await page.getByTestId("order-paid").waitFor({ timeout: 60_000 })
    // the declined attempt never reached cart completion: it used up no order number
    await nextOrderNumber(page)
    await page.close()
  }, 180_000)

  it("the bank's page has a way back to the shop: the return page offers to pay again, and no order number is used", async () => {
    const page = await browser!.newPage()
    await checkoutToBank(page, urls.storefront)
    await page.waitForURL((u) => u.origin === urls.sandbox && u.pathname.startsWith("/hpp"), { timeout: 30_000 })
    const bankPage = page.url()
    await page.getByTestId("back-to-shop").click()
    await page.waitForURL((u) => u.origin === urls.storefront && u.pathname === "/checkout/alliancepay", { timeout: 30_000 })
    await page.getByTestId("pending").waitFor({ timeout: 30_000 })
    expect(await page.getByTestId("back-to-bank").getAttribute("href")).toBe(bankPage)
    await page.getByTestId("pay-again").waitFor()
    await page.close()
  }, 180_000)

  it("a slow bank: the order is placed awaiting payment, and the page turns to paid once the bank confirms", async () => {
    const page = await browser!.newPage()
    await checkoutToBank(page, urls.storefront)
    const hppId = await payAtBank(page, urls.sandbox, TEST_CARD.slowBank)
    await page.waitForURL((u) => u.origin === urls.storefront, { timeout: 60_000 })
    await page.getByTestId("order-confirming").waitFor({ timeout: 30_000 })
    // the shopper who went back from the bank's page used no order number either
    await nextOrderNumber(page)
    const settled = await fetch(`${urls.sandbox}/__sandbox/orders/${hppId}/settle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "SUCCESS" }),
    })
    expect(settled.status).toBe(200)
    // the bank's callback reaches Medusa (processed after its webhook delay); the page keeps checking
    await page.getByTestId("order-paid").waitFor({ timeout: 60_000 })
    await page.close()
  }, 180_000)

  it("pay by bank on a computer: the storefront shows the NBU QR; the phone that scans it pays in the bank app, and the computer shows the paid order", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
    await checkoutToBank(page, urls.storefront, "pay-by-bank")
    const qr = page.getByTestId("a2a-qr")
    await qr.waitFor({ timeout: 30_000 })
    // the QR image is drawn by the storefront (no QR library) and shown
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const nbuLink = new URL((await qr.getAttribute("src"))!, urls.storefront).searchParams.get("text")!
    expect(nbuLink).toMatch(new RegExp(`^${urls.sandbox}/qr/`))
    const appLink = await page.getByTestId("a2a-open-app").getAttribute("href")
    expect(appLink).toMatch(new RegExp(`^${urls.sandbox}/a2a/\\?hpp_id=`))
    await screenshot(page, "demo-pay-by-bank.png")

    // the phone: the QR's link (the sandbox stands in for bank.gov.ua/qr) opens the bank app, which pays
    const phone = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    await phone.goto(nbuLink)
    await phone.getByTestId("qr-open-app").click()
    await phone.getByTestId("a2a-pay").click()
    await phone.close()

    // the computer notices the transfer and shows the paid order
    await page.waitForURL((u) => u.origin === urls.storefront && u.pathname === "/checkout/alliancepay", { timeout: 60_000 })
    await page.getByTestId("order-paid").waitFor({ timeout: 60_000 })
    await nextOrderNumber(page)
    await page.close()
  }, 180_000)

  it("pay by bank on a phone: the deep link opens the bank app; a declined transfer offers to pay again, and the next transfer pays", async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    await checkoutToBank(page, urls.storefront, "pay-by-bank")
    await page.waitForURL((u) => u.origin === urls.sandbox && u.pathname.startsWith("/a2a"), { timeout: 30_000 })
    const declined = new URL(page.url()).searchParams.get("hpp_id")
    await expect.poll(() => page.getByTestId("a2a-amount").textContent()).toMatch(/1\s?350[.,]49/)
    await page.getByTestId("a2a-decline").click()
    await page.waitForURL((u) => u.origin === urls.storefront, { timeout: 60_000 })
    await page.getByTestId("failed").waitFor({ timeout: 30_000 })
    await page.getByTestId("pay-again").click()
    // "Pay again" keeps the method: a new bank order, again in the bank app
    await page.waitForURL((u) => u.origin === urls.sandbox && u.pathname.startsWith("/a2a"), { timeout: 30_000 })
    expect(new URL(page.url()).searchParams.get("hpp_id")).not.toBe(declined)
    await page.getByTestId("a2a-pay").click()
    await page.waitForURL((u) => u.origin === urls.storefront, { timeout: 60_000 })
    await page.getByTestId("order-paid").waitFor({ timeout: 60_000 })
    await nextOrderNumber(page)
    await page.close()
  }, 180_000)

  it("Ctrl-C stops everything it started, and a second run reuses the seeded store", async () => {
    const marker = `DEMO_STATE_DIR=${stateDir}`
    expect((await processesWith(marker)).length).toBeGreaterThan(1)
    expect(await demo!.stop()).toBe(0)
    expect(demo!.output).toContain("Stopped.")
    // a killed process may take a moment to go
    await expect.poll(() => processesWith(marker), { timeout: 10_000, interval: 250 }).toEqual([])

    demo = await Demo.start(env)
    expect(demo.output).toContain("merchant identity reused")
    expect(demo.output).toContain("Demo store data: already seeded, reused")
    const page = await browser!.newPage()
    await page.goto(urls.storefront)
    // the first page of a freshly started server may take a few seconds on a busy machine
    await expect.poll(() => page.getByTestId("size").locator("option").allTextContents(), { timeout: 30_000 }).toEqual(["S", "M", "L", "XL"])
    await page.close()
  }, 420_000)
})
