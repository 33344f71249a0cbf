import { fromKopecks } from "../core/bank/money"
import { isPayment, type Operation, type Order } from "./order-model"
import { TEST_CARDS } from "../core/bank/contract/test-cards"

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1c2430;margin:0}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 4px}
.amount{font-size:2rem;font-weight:700;margin:12px 0}
.muted{color:#5b6675;font-size:.9rem}
label{display:block;margin:14px 0 4px;font-size:.9rem}
input{width:100%;box-sizing:border-box;padding:10px;font-size:1rem;border:1px solid #c5ccd6;border-radius:8px}
.row{display:flex;gap:12px}.row>div{flex:1}
button,.button{display:block;width:100%;margin-top:18px;padding:12px;font-size:1rem;border:0;border-radius:8px;
background:#0b5cd5;color:#fff;cursor:pointer;text-align:center;text-decoration:none;box-sizing:border-box}
button.wallet{background:#111}button.secondary{background:#b3261e}
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:8px;margin:12px 0}
.ok{color:#176b2c}.fail{color:#8a1c12}
details{margin-top:20px;font-size:.85rem}table{border-collapse:collapse}td{padding:2px 8px 2px 0}
.sandbox{background:#fff6d6;border:1px dashed #c9a400;padding:6px 10px;border-radius:8px;font-size:.8rem;margin-bottom:14px}
`

export function layout(lang: string, title: string, body: string, refresh?: { seconds: number; url: string }): string {
  const meta = refresh
    ? `<meta http-equiv="refresh" content="${refresh.seconds};url=${escapeHtml(refresh.url)}">`
    : ""
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${meta}
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main>
<div class="sandbox">Alliance Pay sandbox — test payments only, no real money / тестове середовище</div>
${body}
</main></body></html>`
}

function amountOf(order: Order): string {
  return `${fromKopecks(order.coinAmount)} UAH`
}

function header(order: Order): string {
  const purpose = order.purpose ? `<p class="muted">${escapeHtml(order.purpose)}</p>` : ""
  return `<h1>Оплата замовлення / Order payment</h1>
<p class="muted">Alliance Pay sandbox merchant · ${escapeHtml(order.merchantId)}</p>
<div class="amount">${escapeHtml(amountOf(order))}</div>${purpose}`
}

export interface PaymentFormView {
  publicUrl: string
  error?: string
  cardNumber?: string
  expiry?: string
}

export function paymentPage(order: Order, view: PaymentFormView): string {
  const id = `<input type="hidden" name="hpp_id" value="${escapeHtml(order.hppOrderId)}">`
  const action = `${view.publicUrl}/hpp/pay`
  const error = view.error ? `<div class="error" role="alert">${escapeHtml(view.error)}</div>` : ""
  const card = order.paymentMethods.includes("CARD")
    ? `<form method="post" action="${escapeHtml(action)}" autocomplete="off">${id}
<label for="card_number">Номер картки / Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" placeholder="4111 1111 1111 1111" value="${escapeHtml(view.cardNumber ?? "")}" required>
<div class="row"><div><label for="expiry">Термін дії / Expiry (MM/YY)</label>
<input id="expiry" name="expiry" placeholder="12/30" value="${escapeHtml(view.expiry ?? "")}" required></div>
<div><label for="cvv">CVV</label><input id="cvv" name="cvv" inputmode="numeric" maxlength="3" placeholder="123" required></div></div>
<button type="submit">Сплатити / Pay ${escapeHtml(amountOf(order))}</button>
</form>`
    : ""
  const wallet = (method: "APPLE_PAY" | "GOOGLE_PAY", label: string) =>
    order.paymentMethods.includes(method)
      ? `<form method="post" action="${escapeHtml(action)}">${id}<input type="hidden" name="method" value="${method}">
<button type="submit" class="wallet">${label}</button></form>`
      : ""
  const cards = TEST_CARDS.map((c) => `<tr><td><code>${c.number}</code></td><td>${escapeHtml(c.outcome)}</td></tr>`).join("")
  return layout(
    order.language,
    "Alliance Pay — payment",
    `${header(order)}${error}${card}${wallet("APPLE_PAY", "Apple Pay")}${wallet("GOOGLE_PAY", "Google Pay")}
<p><a href="${escapeHtml(order.failUrl)}" data-testid="back-to-shop">← Повернутися до магазину / Back to the shop</a></p>
<details><summary>Test cards / Тестові картки</summary><table>${cards}</table>
<p>Any future expiry, any 3-digit CVV. Amounts ending in .04 always succeed, .05/.06 always fail.</p></details>`
  )
}

export function threeDsPage(order: Order, publicUrl: string): string {
  const id = `<input type="hidden" name="hpp_id" value="${escapeHtml(order.hppOrderId)}">`
  const action = escapeHtml(`${publicUrl}/hpp/3ds`)
  return layout(
    order.language,
    "3-D Secure",
    `<h1>3-D Secure</h1><p class="muted">Підтвердження банком-емітентом / Issuer authentication</p>
<div class="amount">${escapeHtml(amountOf(order))}</div>
<form method="post" action="${action}">${id}<input type="hidden" name="result" value="confirm">
<button type="submit">Підтвердити / Confirm</button></form>
<form method="post" action="${action}">${id}<input type="hidden" name="result" value="fail">
<button type="submit" class="secondary">Відхилити / Fail</button></form>`
  )
}

function lastPurchase(order: Order): Operation | undefined {
  return order.operations.filter(isPayment).pop()
}

/** Where the shopper goes back to: failUrl only when the payment failed. */
export function shopUrl(order: Order): string {
  return lastPurchase(order)?.status === "FAIL" ? order.failUrl : order.successUrl
}

export function statusPage(order: Order, publicUrl: string, timerSeconds: number | null, expired: boolean): string {
  const purchase = lastPurchase(order)
  let title: string
  let text = ""
  let cls = ""
  let back = shopUrl(order)
  if (order.orderStatus === "PARTIAL_REFUND") {
    title = "Кошти повернено / Payment refunded"
  } else if (!purchase && expired) {
    title = "Термін дії посилання минув / Payment link expired"
    cls = "fail"
    back = order.failUrl
  } else if (!purchase) {
    title = "Очікує оплати / Awaiting payment"
    text = `<a class="button" href="${escapeHtml(order.redirectUrl)}">Перейти до оплати / Go to payment</a>`
  } else if (purchase.status === "SUCCESS") {
    title = "Оплата успішна / Payment successful"
    cls = "ok"
  } else if (purchase.status === "FAIL") {
    title = "Оплата не вдалася / Payment failed"
    cls = "fail"
    const reason = purchase.responseInfo.description
    if (reason) text = `<p class="muted">${escapeHtml(reason)}</p>`
  } else if (purchase.status === "REQUIRED_3DS") {
    title = "Потрібне підтвердження 3-D Secure / 3-D Secure required"
    text = `<a class="button" href="${escapeHtml(`${publicUrl}/hpp/3ds?hpp_id=${order.hppOrderId}`)}">3-D Secure</a>`
  } else {
    title = "Платіж обробляється / Payment is being processed"
  }
  const finished = purchase !== undefined && purchase.status !== "REQUIRED_3DS"
  const refresh = finished && timerSeconds !== null ? { seconds: timerSeconds, url: back } : undefined
  const timerNote = refresh ? `<p class="muted">Повернення до магазину через ${refresh.seconds} с / Back to the shop in ${refresh.seconds} s</p>` : ""
  return layout(
    order.language,
    title,
    `<h1 class="${cls}">${escapeHtml(title)}</h1>
<div class="amount">${escapeHtml(amountOf(order))}</div>
<p class="muted">Замовлення / Order ${escapeHtml(order.hppOrderId)}</p>${text}${timerNote}
<a class="button" href="${escapeHtml(back)}">Повернутися до магазину / Return to the shop</a>`,
    refresh
  )
}

export function messagePage(lang: string, title: string, message: string, link?: { href: string; text: string }): string {
  const a = link ? `<a class="button" href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>` : ""
  return layout(lang, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${a}`)
}
