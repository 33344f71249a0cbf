import type { IncomingMessage, ServerResponse } from "node:http"
import { fromKopecks } from "../core/bank/money"
import { SANDBOX_PAYER_ACCOUNT } from "./a2a-operation"
import { hppOrderIdOfQr } from "./a2a-links"
import type { SandboxContext } from "./context"
import { BodyTooLargeError, parseForm, readBody, redirect, sendHtml } from "./http-io"
import type { Order } from "./order-model"
import { escapeHtml, layout, messagePage, shopUrl } from "./pages"
import { RESPONSES } from "../core/bank/contract/test-cards"

/** The bank app an A2A deep link opens (/a2a) and the page an NBU QR link shows (/qr/<payload>). */
export function isA2APagePath(path: string): boolean {
  return path === "/a2a" || path === "/a2a/" || path === "/a2a/pay" || path.startsWith("/qr/")
}

export async function handleA2APage(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/$/, "")
  const method = req.method ?? "GET"
  if (method === "POST" && path === "/a2a/pay") {
    let form: Record<string, string>
    try {
      form = parseForm(await readBody(req))
    } catch (e) {
      if (e instanceof BodyTooLargeError) sendHtml(res, 413, messagePage("en", "Request too large", "The form was too large."))
      return
    }
    const order = findA2AOrder(ctx, res, form.hpp_id)
    if (order) pay(ctx, res, order, form)
    return
  }
  req.resume()
  if (method !== "GET" && method !== "HEAD") {
    return sendHtml(res, 405, messagePage("en", "Method not allowed", `${method} is not supported on ${path}.`))
  }
  if (path.startsWith("/qr/")) {
    const order = findA2AOrder(ctx, res, hppOrderIdOfQr(path.slice("/qr/".length)))
    if (order) sendHtml(res, 200, qrPage(ctx, order))
    return
  }
  const order = findA2AOrder(ctx, res, url.searchParams.get("hpp_id") ?? undefined)
  if (order) showBankApp(ctx, res, order, url.searchParams.get("bank") ?? undefined)
}

function findA2AOrder(ctx: SandboxContext, res: ServerResponse, hppId: string | undefined): Order | undefined {
  const order = hppId ? ctx.ledger.get(hppId) : undefined
  if (!order || order.hppPayType !== "A2A") {
    sendHtml(res, 404, messagePage("uk", "Замовлення не знайдено / Order not found", "This pay-by-bank link is not valid (unknown order)."))
    return undefined
  }
  return order
}

function showBankApp(ctx: SandboxContext, res: ServerResponse, order: Order, bank?: string, error?: string): void {
  const refusal = ctx.ledger.refusal(order)
  if (refusal) return sendHtml(res, refusal === "expired" ? 410 : 200, closedPage(order, refusal))
  sendHtml(res, error ? 400 : 200, bankAppPage(ctx, order, bank, error))
}

function pay(ctx: SandboxContext, res: ServerResponse, order: Order, form: Record<string, string>): void {
  const refusal = ctx.ledger.refusal(order)
  if (refusal) return sendHtml(res, refusal === "expired" ? 410 : 409, closedPage(order, refusal))
  if (form.result !== "pay" && form.result !== "decline") return showBankApp(ctx, res, order, form.bank, "Choose Pay or Decline.")
  const behaviour =
    form.result === "pay" ? ({ status: "SUCCESS" } as const) : ({ status: "FAIL", info: RESPONSES.declined } as const)
  ctx.ledger.startPurchase(order, { method: "ACCOUNT", behaviour })
  // a transfer has no status page (statusUrl is null for A2A): the app returns the shopper to the shop
  redirect(res, shopUrl(order))
}

function amountOf(order: Order): string {
  return `${fromKopecks(order.coinAmount)} UAH`
}

function bankAppPage(ctx: SandboxContext, order: Order, bank: string | undefined, error?: string): string {
  const hidden = `<input type="hidden" name="hpp_id" value="${escapeHtml(order.hppOrderId)}">${
    bank ? `<input type="hidden" name="bank" value="${escapeHtml(bank)}">` : ""
  }`
  const action = escapeHtml(`${ctx.publicUrl}/a2a/pay`)
  const alert = error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ""
  return layout(
    order.language,
    "Bank app — pay by bank",
    `<h1>${escapeHtml(bank ?? "Alliance Bank")} · переказ / transfer</h1>
<p class="muted">Оплата з рахунку / Pay from your account ${escapeHtml(SANDBOX_PAYER_ACCOUNT)}</p>
<div class="amount" data-testid="a2a-amount">${escapeHtml(amountOf(order))}</div>
<p class="muted">${escapeHtml(order.merchantComment ?? "")}</p>${alert}
<form method="post" action="${action}">${hidden}<input type="hidden" name="result" value="pay">
<button type="submit" data-testid="a2a-pay">Сплатити / Pay ${escapeHtml(amountOf(order))}</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="result" value="decline">
<button type="submit" class="secondary" data-testid="a2a-decline">Відхилити / Decline</button></form>
<p><a href="${escapeHtml(order.failUrl)}">← Повернутися до магазину / Back to the shop</a></p>`
  )
}

/** The sandbox's stand-in for bank.gov.ua/qr: what the QR says, and the app it would open. */
function qrPage(ctx: SandboxContext, order: Order): string {
  return layout(
    order.language,
    "NBU QR",
    `<h1>QR НБУ / NBU QR</h1>
<p class="muted">Скануйте камерою телефону, щоб оплатити в застосунку банку / Scan with your phone to pay in your bank app</p>
<div class="amount">${escapeHtml(amountOf(order))}</div>
<a class="button" href="${escapeHtml(order.redirectUrl)}" data-testid="qr-open-app">Відкрити застосунок банку (sandbox) / Open the bank app (sandbox)</a>`
  )
}

function closedPage(order: Order, refusal: "expired" | "attempted"): string {
  const title = refusal === "expired" ? "Термін дії посилання минув / Payment link expired" : "Переказ уже здійснено / Transfer already made"
  const text =
    refusal === "expired"
      ? "This pay-by-bank link has expired. Go back to the shop and start the payment again."
      : "This order already has a transfer; a new order is needed to pay again."
  return messagePage(order.language, title, text, { href: shopUrl(order), text: "Повернутися до магазину / Return to the shop" })
}
