import type { Page } from "playwright-core"

export interface AdminLogin {
  email: string
  password: string
}

/** Signs in to the built admin dashboard the way a merchant does. */
export async function logIn(page: Page, baseUrl: string, user: AdminLogin) {
  await page.goto(`${baseUrl}/app/login`)
  await page.locator('input[name="email"]').fill(user.email)
  await page.locator('input[name="password"]').fill(user.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 30_000 })
}

/** The dashboard's i18next reads the "lng" cookie first (its language setting writes it), then localStorage. */
export async function useLanguage(page: Page, baseUrl: string, lng: "en" | "uk") {
  await page.context().addCookies([{ name: "lng", value: lng, url: baseUrl }])
}
