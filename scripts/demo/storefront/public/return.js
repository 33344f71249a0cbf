import { ALLIANCE_PAY, api, el, money, payWithAlliancePay, saveCartId, setUpLanguage, t } from "./store.js"

// The page the bank sends the shopper back to (the provider's successUrl):
//   /checkout/alliancepay?cart_id=cart_…
// It completes the cart. Paid → the order. Bank still processing → the order, then polls until the
// payment is confirmed. Not paid → failed (pay again) or not finished yet (keep checking).
const POLL_MS = 3000
const cartId = new URL(location.href).searchParams.get("cart_id")
const box = document.getElementById("result")
let view = () => {}
let timer

function show(render) {
  view = render
  render()
}

function later(fn) {
  clearTimeout(timer)
  timer = setTimeout(fn, POLL_MS)
}

async function complete() {
  let result
  try {
    result = await api(`/store/carts/${cartId}/complete`, { method: "POST" })
  } catch (e) {
    return notCompleted(e.body?.message ?? e.message)
  }
  if (result.type === "order") return placed(result.order)
  return notCompleted(result.error?.message)
}

/** The cart could not become an order: ask the payment session what the bank said. */
async function notCompleted(reason) {
  const { cart } = await api(`/store/carts/${cartId}?fields=id,completed_at,*payment_collection.payment_sessions`)
  const session = (cart.payment_collection?.payment_sessions ?? []).find((s) => s.provider_id === ALLIANCE_PAY)
  const state = session?.data?.state
  const failed = ["error", "canceled"].includes(session?.status) || ["failed", "expired", "mismatch"].includes(state)
  if (failed || !session) return show(() => failedView(failed ? t("failed") : t("notPaid"), reason))
  // the bank has not settled the attempt yet (or the shopper came back without paying): keep checking
  show(() => pendingView(session))
  later(complete)
}

function placed(order) {
  saveCartId(null)
  const paid = ["captured", "authorized", "partially_refunded", "refunded"].includes(order.payment_status)
  const canceled = order.status === "canceled"
  show(() => orderView(order, canceled ? "canceled" : paid ? "paid" : "confirming"))
  if (!paid && !canceled) later(() => refreshOrder(order.id))
}

async function refreshOrder(id) {
  try {
    const { order } = await api(`/store/orders/${id}?fields=*items,+payment_status,+status,+total,+email,+display_id,+currency_code`)
    return placed(order)
  } catch {
    later(() => refreshOrder(id))
  }
}

function orderView(order, state) {
  const message = { paid: t("paid"), confirming: t("confirming"), canceled: t("canceled") }[state]
  box.replaceChildren(
    el("h2", { "data-testid": "order-title", "data-order-id": order.id, text: `${t("order")} #${order.display_id}` }),
    el("p", { class: state === "canceled" ? "error" : state === "paid" ? "ok" : "muted", "data-testid": `order-${state}`, text: message }),
    el("ul", { class: "items" }, ...(order.items ?? []).map((i) => el("li", {}, el("span", { text: `${i.product_title ?? i.title} · ${i.variant_title ?? ""} × ${i.quantity}` }), el("span", { text: money(i.total, order.currency_code) })))),
    el("p", { class: "sum total" }, el("span", { text: t("total") }), el("span", { "data-testid": "order-total", text: money(order.total, order.currency_code) })),
    el("p", { class: "muted", text: `${order.email} · ${t("status")}: ${t("paymentStatus")[order.payment_status] ?? order.payment_status}` })
  )
}

function pendingView(session) {
  box.replaceChildren(
    el("p", { class: "muted", "data-testid": "pending", text: t("stillPending") }),
    session.data?.redirect_url ? el("p", {}, el("a", { href: session.data.redirect_url, text: t("backToBank") })) : undefined,
    payAgainButton()
  )
}

function failedView(message, reason, canPay = true) {
  box.replaceChildren(
    el("p", { class: "error", "data-testid": "failed", text: message }),
    reason ? el("p", { class: "muted small", text: reason }) : undefined,
    canPay ? payAgainButton() : undefined
  )
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
else complete().catch((e) => show(() => failedView(t("error"), e.message)))
