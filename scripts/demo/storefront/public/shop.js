import { ALLIANCE_PAY, api, el, money, payWithAlliancePay, saveCartId, savedCartId, setUpLanguage, showBankQr, showError, t } from "./store.js"

// product → cart → email and address → delivery → Alliance Pay → the bank's page
const $ = (id) => document.getElementById(id)
let region
let product
let cart

const SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
const CART_FIELDS = "*items,*shipping_methods,+shipping_address.*,+email,+total,+subtotal,+shipping_total,+item_total"

async function loadCart() {
  const id = savedCartId()
  if (!id) return undefined
  try {
    const { cart } = await api(`/store/carts/${id}?fields=${CART_FIELDS}`)
    if (!cart.completed_at) return cart
  } catch {
    // an unknown or completed cart: start a new one
  }
  saveCartId(null)
  return undefined
}

function renderProduct() {
  const box = $("product")
  box.removeAttribute("aria-busy")
  if (!product) return box.replaceChildren(el("p", { class: "muted", text: "—" }))
  const rank = (v) => (SIZES.indexOf(v.title) + 1 || SIZES.length + 1)
  const variants = product.variants.filter((v) => v.calculated_price).sort((a, b) => rank(a) - rank(b))
  const select = el(
    "select",
    { id: "variant", "data-testid": "size" },
    ...variants.map((v) => el("option", { value: v.id, text: v.title }))
  )
  const price = el("p", { class: "price", "data-testid": "price" })
  const showPrice = () => {
    const v = variants.find((x) => x.id === select.value)
    price.textContent = v ? money(v.calculated_price.calculated_amount, v.calculated_price.currency_code) : ""
  }
  select.addEventListener("change", showPrice)
  showPrice()
  const qty = el("input", { id: "qty", type: "number", min: "1", max: "10", value: "1", "data-testid": "quantity" })
  const add = el("button", { type: "button", class: "primary", "data-testid": "add-to-cart", text: t("addToCart") })
  add.addEventListener("click", async () => {
    add.disabled = true
    try {
      await addToCart(select.value, Number(qty.value) || 1)
    } catch (e) {
      showError($("cart-body"), e)
    } finally {
      add.disabled = false
    }
  })
  box.replaceChildren(
    el("img", { src: "/vyshyvanka.svg", alt: "", class: "picture" }),
    el("div", {}, el("h2", { text: product.title }), el("p", { class: "muted", text: product.description ?? "" }), price,
      el("div", { class: "row" }, el("label", {}, el("span", { text: t("size") }), select), el("label", {}, el("span", { text: t("quantity") }), qty)),
      add)
  )
}

async function addToCart(variantId, quantity) {
  if (!cart) {
    cart = (await api("/store/carts", { method: "POST", body: { region_id: region.id } })).cart
    saveCartId(cart.id)
  }
  await api(`/store/carts/${cart.id}/line-items`, { method: "POST", body: { variant_id: variantId, quantity } })
  await refreshCart()
}

async function refreshCart() {
  cart = (await api(`/store/carts/${cart.id}?fields=${CART_FIELDS}`)).cart
  renderCart()
}

function renderCart() {
  const body = $("cart-body")
  const items = cart?.items ?? []
  $("details").hidden = items.length === 0
  if (!items.length) return body.replaceChildren(el("p", { class: "muted", text: t("emptyCart") }))
  body.replaceChildren(
    el("ul", { class: "items", "data-testid": "cart-items" },
      ...items.map((i) => el("li", {}, el("span", { text: `${i.product_title ?? i.title} · ${i.variant_title ?? ""} × ${i.quantity}` }), el("span", { text: money(i.total ?? i.unit_price * i.quantity, cart.currency_code) })))),
    el("p", { class: "sum" }, el("span", { text: t("subtotal") }), el("span", { text: money(cart.item_total, cart.currency_code) }))
  )
  renderTotals()
}

function renderTotals() {
  if (!cart) return
  $("totals").replaceChildren(
    el("p", { class: "sum" }, el("span", { text: t("shipping") }), el("span", { text: money(cart.shipping_total, cart.currency_code) })),
    el("p", { class: "sum total" }, el("span", { text: t("total") }), el("span", { "data-testid": "total", text: money(cart.total, cart.currency_code) }))
  )
}

async function saveDetails(event) {
  event.preventDefault()
  const form = new FormData($("details"))
  const address = {
    first_name: form.get("first_name"),
    last_name: form.get("last_name"),
    phone: form.get("phone") || undefined,
    address_1: form.get("address_1"),
    city: form.get("city"),
    postal_code: form.get("postal_code"),
    country_code: "ua",
  }
  await api(`/store/carts/${cart.id}`, { method: "POST", body: { email: form.get("email"), shipping_address: address, billing_address: address } })
  const { shipping_options } = await api(`/store/shipping-options?cart_id=${cart.id}`)
  $("shipping-options").replaceChildren(
    ...shipping_options.map((o) =>
      el("label", { class: "choice" },
        el("input", { type: "radio", name: "shipping", value: o.id, "data-testid": "shipping-option", on: { change: () => chooseShipping(o.id).catch((err) => showError($("details-status"), err)) } }),
        el("span", {}, el("strong", { text: o.name }), el("br"), el("small", { class: "muted", text: `${o.type?.description ?? ""} · ${money(o.amount ?? o.calculated_price?.calculated_amount ?? 0, cart.currency_code)}` }))))
  )
  $("delivery").hidden = false
  await refreshCart()
}

async function chooseShipping(optionId) {
  await api(`/store/carts/${cart.id}/shipping-methods`, { method: "POST", body: { option_id: optionId } })
  await refreshCart()
  $("payment").hidden = false
}

async function pay(event) {
  event.preventDefault()
  const status = $("payment-status")
  const button = $("payment").querySelector("button")
  button.disabled = true
  status.replaceChildren(el("p", { class: "muted", text: t("redirecting") }))
  try {
    const provider = new FormData($("payment")).get("provider") ?? ALLIANCE_PAY
    const qrSession = await payWithAlliancePay(cart.id, provider)
    if (qrSession) showBankQr(status, qrSession, cart.id)
  } catch (e) {
    button.disabled = false
    showError(status, e)
  }
}

function fillDetails() {
  if (!cart?.email) return
  const form = $("details")
  const a = cart.shipping_address ?? {}
  for (const [name, value] of Object.entries({ email: cart.email, first_name: a.first_name, last_name: a.last_name, phone: a.phone, address_1: a.address_1, city: a.city, postal_code: a.postal_code })) {
    if (value) form.elements.namedItem(name).value = value
  }
}

async function main() {
  setUpLanguage(() => {
    renderProduct()
    renderCart()
  })
  try {
    const { regions } = await api("/store/regions")
    region = regions.find((r) => r.currency_code === "uah") ?? regions[0]
    const { products } = await api(`/store/products?region_id=${region.id}&fields=*variants.calculated_price,+variants.inventory_quantity&limit=1`)
    product = products[0]
    cart = await loadCart()
    renderProduct()
    renderCart()
    fillDetails()
  } catch (e) {
    showError($("product"), e)
  }
  $("details").addEventListener("submit", (e) => saveDetails(e).catch((err) => showError($("details-status"), err)))
  $("payment").addEventListener("submit", pay)
}

main()
