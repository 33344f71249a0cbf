// Shared by the demo's pages: the Store API, the two languages, money.
const { medusaUrl, publishableKey } = window.DEMO_CONFIG

export const ALLIANCE_PAY = "pp_alliancepay_alliancepay"
/** pay-by-bank (A2A): the bank app's deep link on a phone, the NBU QR on a computer */
export const PAY_BY_BANK = "pp_alliancepay_a2a"

/** A Store API call with the publishable key; throws an Error with `status` and `body` on non-2xx. */
export async function api(path, { method = "GET", body } = {}) {
  const res = await fetch(medusaUrl + path, {
    method,
    headers: { "x-publishable-api-key": publishableKey, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  const data = text ? JSON.parse(text) : {}
  if (!res.ok) throw Object.assign(new Error(data.message || `${res.status} ${res.statusText}`), { status: res.status, body: data })
  return data
}

const CART_KEY = "alliancepay-demo-cart"
export const savedCartId = () => localStorage.getItem(CART_KEY)
export const saveCartId = (id) => (id ? localStorage.setItem(CART_KEY, id) : localStorage.removeItem(CART_KEY))

const TEXT = {
  uk: {
    title: "Alliance Pay — демо-магазин",
    tagline: "Medusa + оплата через Alliance Bank (пісочниця)",
    size: "Розмір",
    quantity: "Кількість",
    addToCart: "Додати в кошик",
    cart: "Кошик",
    emptyCart: "Кошик порожній",
    details: "Контакти та адреса",
    email: "Email",
    firstName: "Ім'я",
    lastName: "Прізвище",
    phone: "Телефон",
    address: "Адреса",
    city: "Місто",
    postalCode: "Індекс",
    toDelivery: "Далі: доставка",
    delivery: "Доставка",
    payment: "Оплата",
    alliancePay: "Alliance Pay",
    alliancePayNote: "Картка, Apple Pay, Google Pay — на захищеній сторінці банку",
    payByBank: "Оплата з банківського застосунку",
    payByBankNote: "Переказ з рахунку: посилання в застосунок на телефоні, QR НБУ на комп'ютері",
    scanQr: "Скануйте QR камерою телефону або в застосунку свого банку",
    openBankApp: "Відкрити застосунок банку на цьому пристрої",
    waitingTransfer: "Чекаємо на переказ… Сторінка оновиться сама.",
    pay: "Оплатити",
    subtotal: "Товари",
    shipping: "Доставка",
    total: "Разом",
    redirecting: "Переходимо на сторінку банку…",
    checking: "Перевіряємо оплату…",
    paid: "Дякуємо! Замовлення оплачено.",
    order: "Замовлення",
    confirming: "Замовлення створено. Банк ще підтверджує оплату — ця сторінка оновиться сама.",
    stillPending: "Банк ще не підтвердив оплату. Перевіряємо знову…",
    notPaid: "Оплату не завершено.",
    failed: "Оплата не пройшла.",
    expired: "Час на оплату минув.",
    bankCode: "код банку",
    paymentState: { paid: "оплачено", confirming: "банк підтверджує оплату", canceled: "не оплачено" },
    canceled: "Замовлення скасовано: банк не підтвердив оплату.",
    payAgain: "Оплатити ще раз",
    backToBank: "Повернутися на сторінку оплати",
    backToShop: "До магазину",
    noCart: "Не знайдено кошика для цієї оплати.",
    error: "Щось пішло не так",
    status: "Статус оплати",
  },
  en: {
    title: "Alliance Pay — demo store",
    tagline: "Medusa + Alliance Bank payments (sandbox)",
    size: "Size",
    quantity: "Quantity",
    addToCart: "Add to cart",
    cart: "Cart",
    emptyCart: "Your cart is empty",
    details: "Contact and address",
    email: "Email",
    firstName: "First name",
    lastName: "Last name",
    phone: "Phone",
    address: "Address",
    city: "City",
    postalCode: "Postal code",
    toDelivery: "Next: delivery",
    delivery: "Delivery",
    payment: "Payment",
    alliancePay: "Alliance Pay",
    alliancePayNote: "Card, Apple Pay, Google Pay — on the bank's secure page",
    payByBank: "Pay from your banking app",
    payByBankNote: "Bank transfer: a link to the app on a phone, the NBU QR on a computer",
    scanQr: "Scan the QR with your phone's camera or your bank's app",
    openBankApp: "Open the bank app on this device",
    waitingTransfer: "Waiting for the transfer… This page updates by itself.",
    pay: "Pay",
    subtotal: "Items",
    shipping: "Shipping",
    total: "Total",
    redirecting: "Taking you to the bank's page…",
    checking: "Checking your payment…",
    paid: "Thank you! Your order is paid.",
    order: "Order",
    confirming: "Order placed. The bank is still confirming the payment — this page updates by itself.",
    stillPending: "The bank has not confirmed the payment yet. Checking again…",
    notPaid: "The payment was not completed.",
    failed: "The payment failed.",
    expired: "The time to pay ran out.",
    bankCode: "bank code",
    paymentState: { paid: "paid", confirming: "the bank is confirming the payment", canceled: "not paid" },
    canceled: "The order was canceled: the bank did not confirm the payment.",
    payAgain: "Pay again",
    backToBank: "Back to the payment page",
    backToShop: "Back to the shop",
    noCart: "No cart was found for this payment.",
    error: "Something went wrong",
    status: "Payment status",
  },
}

export let lang = localStorage.getItem("alliancepay-demo-lang") === "en" ? "en" : "uk"
export const t = (key) => TEXT[lang][key] ?? key

/** Fills every [data-i18n] element and wires the language switch; `rerender` redraws dynamic parts. */
export function setUpLanguage(rerender = () => {}) {
  const apply = () => {
    document.documentElement.lang = lang
    document.querySelectorAll("[data-i18n]").forEach((el) => (el.textContent = t(el.dataset.i18n)))
    const sw = document.getElementById("lang")
    if (sw) sw.textContent = lang === "uk" ? "English" : "Українська"
  }
  document.getElementById("lang")?.addEventListener("click", () => {
    lang = lang === "uk" ? "en" : "uk"
    localStorage.setItem("alliancepay-demo-lang", lang)
    apply()
    rerender()
  })
  apply()
}

export const money = (amount, currency = "uah") =>
  new Intl.NumberFormat(lang === "uk" ? "uk-UA" : "en-GB", { style: "currency", currency: currency.toUpperCase() }).format(Number(amount))

const METHOD_KEY = "alliancepay-demo-method"
/** The method the shopper chose last (the return page's "Pay again" uses it). */
export const savedMethod = () => (localStorage.getItem(METHOD_KEY) === PAY_BY_BANK ? PAY_BY_BANK : ALLIANCE_PAY)

/** A phone or tablet opens the bank app by its link; a computer shows the QR to scan with one. */
export const isMobile = () => matchMedia("(pointer: coarse)").matches || /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent)

/**
 * Creates a fresh session for the cart (a new bank order) with the chosen method. Cards, and
 * pay-by-bank on a phone, go to the bank's link; pay-by-bank on a computer returns the session
 * so that the page can show its NBU QR.
 */
export async function payWithAlliancePay(cartId, provider = savedMethod()) {
  localStorage.setItem(METHOD_KEY, provider)
  // the cart's payment collection (Medusa returns the existing one when there is one)
  const collection = (await api("/store/payment-collections", { method: "POST", body: { cart_id: cartId } })).payment_collection
  // a new session replaces the previous one: a new bank order for the cart's current amount
  const { payment_collection } = await api(`/store/payment-collections/${collection.id}/payment-sessions`, {
    method: "POST",
    body: { provider_id: provider, data: { language: lang } },
  })
  const session = payment_collection.payment_sessions.find((s) => s.provider_id === provider)
  if (!session?.data?.redirect_url) throw new Error("the payment session has no redirect_url")
  if (provider === PAY_BY_BANK && session.data.nbu_qr_url && !isMobile()) return session
  location.assign(session.data.redirect_url)
  return undefined
}

/**
 * The NBU QR of a pay-by-bank session, drawn by the storefront's server (/qr.svg), the link to the
 * bank app for this device, and a watch on the payment: once the bank has an answer, the return
 * page takes over (it completes the cart or says why not).
 */
export function showBankQr(target, session, cartId) {
  target.replaceChildren(
    el("div", { class: "qr", "data-testid": "a2a-panel" },
      el("p", { text: t("scanQr") }),
      el("img", { src: `/qr.svg?text=${encodeURIComponent(session.data.nbu_qr_url)}`, alt: "QR НБУ / NBU QR", width: "240", height: "240", "data-testid": "a2a-qr" }),
      el("p", {}, el("a", { href: session.data.redirect_url, "data-testid": "a2a-open-app", text: t("openBankApp") })),
      el("p", { class: "muted", "data-testid": "a2a-waiting", text: t("waitingTransfer") })))
  const watch = async () => {
    try {
      const { payment } = await api(`/store/alliance-pay/carts/${cartId}/payment-status`)
      if (["paid", "in_progress", "failed", "expired"].includes(payment.status)) {
        location.assign(`/checkout/alliancepay?cart_id=${encodeURIComponent(cartId)}`)
        return
      }
    } catch {
      // busy (429) or a hiccup: ask again a little later
    }
    setTimeout(watch, 2000)
  }
  setTimeout(watch, 2000)
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "on") Object.entries(v).forEach(([ev, fn]) => node.addEventListener(ev, fn))
    else if (k === "text") node.textContent = v
    else if (v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v)
  }
  node.append(...children.filter((c) => c !== undefined && c !== null && c !== false))
  return node
}

export function showError(target, error) {
  target.replaceChildren(el("p", { class: "error", role: "alert", text: `${t("error")}: ${error.message}` }))
}
