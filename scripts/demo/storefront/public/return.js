import { api, el, lang, money, payWithAlliancePay, saveCartId, setUpLanguage, t } from "./store.js"

// The page the bank sends the shopper back to (the provider's successUrl):
//   /checkout/alliancepay?cart_id=cart_…
// It asks the shop for the cart's Alliance Pay payment (GET /store/alliance-pay/carts/:id/payment-status)
// and completes the cart only when the bank says paid or in progress: a declined or unfinished payment
// never reaches cart completion, so it uses up no order number. Failed → the bank's reason and "Pay
// again"; not paid yet → keeps asking, with the way back to the bank's page.
const POLL_MS = [500, 1000, 1000, 2000, 2000, 3000]
const cartId = new URL(location.href).searchParams.get("cart_id")
const box = document.getElementById("result")
let view = () => {}
let timer
let polls = 0

function show(draw) {
  view = draw
  draw()
}

/** The result box's content; parts left out (undefined) are skipped, never printed as "undefined". */
function render(...parts) {
  box.replaceChildren(...parts.filter(Boolean))
}

function later(fn, ms = POLL_MS[Math.min(polls++, POLL_MS.length - 1)]) {
  clearTimeout(timer)
  timer = setTimeout(fn, ms)
}

/** The cart's payment as the shop knows it (the shop re-reads the bank while it is not final). */
async function paymentOfCart() {
  try {
    return (await api(`/store/alliance-pay/carts/${cartId}/payment-status`)).payment
  } catch (e) {
    if (e.status === 429) return { status: "busy", retryAfter: Number(e.body?.retry_after) || 2 }
    throw e
  }
}

async function check() {
  const payment = await paymentOfCart()
  if (payment.status === "busy") return later(check, payment.retryAfter * 1000)
  if (payment.order_id) return showOrder(payment.order_id, payment)
  switch (payment.status) {
    case "paid":
    case "in_progress":
      return complete(payment)
    case "failed":
    case "expired":
      return show(() => failedView(t(payment.status === "expired" ? "expired" : "failed"), payment.reason))
    case "pending":
      show(() => pendingView(payment))
      return later(check)
    default:
      return show(() => failedView(t("notPaid")))
  }
}

/** Paid or being confirmed by the bank: now the cart becomes an order. */
async function complete(payment) {
  let result
  try {
    result = await api(`/store/carts/${cartId}/complete`, { method: "POST" })
  } catch {
    // e.g. the bank's callback is completing the same cart right now: ask again
    return later(check)
  }
  if (result.type !== "order") return later(check)
  placed(result.order, payment)
}

async function showOrder(orderId, payment) {
  const { order } = await api(`/store/orders/${orderId}?fields=*items,+total,+email,+display_id,+currency_code,+status`)
  placed(order, payment)
}

function placed(order, payment) {
  saveCartId(null)
  const state = order.status === "canceled" || payment.status === "failed" || payment.status === "expired" ? "canceled" : payment.status === "paid" ? "paid" : "confirming"
  show(() => orderView(order, state, payment.reason))
  // the bank is still confirming: follow the payment until it is final
  if (state === "confirming") later(() => followOrder(order))
}

async function followOrder(order) {
  const payment = await paymentOfCart().catch(() => ({ status: "busy", retryAfter: 3 }))
  if (payment.status === "busy" || !payment.final) return later(() => followOrder(order), (payment.retryAfter ?? 0) * 1000 || undefined)
  placed(order, payment)
}

function reasonLine(reason) {
  if (!reason) return undefined
  return el(
    "p",
    { class: "muted", "data-testid": "failed-reason", "data-code": reason.code },
    el("span", { text: reason[lang] ?? reason.en }),
    reason.bank_text ? el("span", { class: "small", text: ` (${t("bankCode")}: ${reason.code})` }) : undefined
  )
}

function orderView(order, state, reason) {
  const message = { paid: t("paid"), confirming: t("confirming"), canceled: t("canceled") }[state]
  render(
    el("h2", { "data-testid": "order-title", "data-order-id": order.id, text: `${t("order")} #${order.display_id}` }),
    el("p", { class: state === "canceled" ? "error" : state === "paid" ? "ok" : "muted", "data-testid": `order-${state}`, text: message }),
    state === "canceled" ? reasonLine(reason) : undefined,
    el("ul", { class: "items" }, ...(order.items ?? []).map((i) => el("li", {}, el("span", { text: `${i.product_title ?? i.title} · ${i.variant_title ?? ""} × ${i.quantity}` }), el("span", { text: money(i.total, order.currency_code) })))),
    el("p", { class: "sum total" }, el("span", { text: t("total") }), el("span", { "data-testid": "order-total", text: money(order.total, order.currency_code) })),
    el("p", { class: "muted", "data-testid": "order-payment-status", text: `${order.email} · ${t("status")}: ${t("paymentState")[state]}` })
  )
}

function pendingView(payment) {
  render(
    el("p", { class: "muted", "data-testid": "pending", text: t("stillPending") }),
    payment.redirect_url ? el("p", {}, el("a", { href: payment.redirect_url, "data-testid": "back-to-bank", text: t("backToBank") })) : undefined,
    payAgainButton()
  )
}

function failedView(message, reason, canPay = true) {
  render(el("p", { class: "error", "data-testid": "failed", text: message }), reasonLine(reason), canPay ? payAgainButton() : undefined)
}

function payAgainButton() {
  const button = el("button", { type: "button", class: "primary", "data-testid": "pay-again", text: t("payAgain") })
  button.addEventListener("click", async () => {
    clearTimeout(timer)
    button.disabled = true
    try {
      await payWithAlliancePay(cartId)
    } catch (e) {
      button.disabled = false
      box.append(el("p", { class: "error", text: `${t("error")}: ${e.message}` }))
    }
  })
  return button
}

setUpLanguage(() => view())
if (!cartId) show(() => failedView(t("noCart"), undefined, false))
else check().catch((e) => show(() => failedView(t("error"), { code: "error", uk: e.message, en: e.message })))
