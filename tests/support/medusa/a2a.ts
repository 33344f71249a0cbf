/** Pay-by-bank (A2A) as a shopper does it: the deep link opens the (sandbox) bank app, which pays or declines. */

export const A2A_PROVIDER = "pp_alliancepay_a2a"

/**
 * Opens the bank app page the deep link leads to and answers it as the shopper, following no
 * redirect: returns where the app sends the browser back to (the shop's success or fail URL).
 */
export async function payInBankApp(redirectUrl: string, result: "pay" | "decline"): Promise<string> {
  const page = await fetch(redirectUrl)
  if (page.status !== 200) throw new Error(`the bank app page answered ${page.status}`)
  const html = await page.text()
  const hppId = /name="hpp_id"\s+value="([^"]+)"/.exec(html)?.[1]
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
  if (!hppId || !action) throw new Error("the bank app page has no pay form")
  const bank = new URL(redirectUrl).searchParams.get("bank")
  const res = await fetch(new URL(action, redirectUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ hpp_id: hppId, result, ...(bank ? { bank } : {}) }).toString(),
    redirect: "manual",
  })
  if (res.status !== 302 && res.status !== 303) throw new Error(`the bank app refused: ${res.status} ${await res.text()}`)
  return res.headers.get("location")!
}
