import type { IncomingMessage, ServerResponse } from "node:http"
import type { PaymentMethod } from "../core/bank/contract/answers"
import type { SandboxContext } from "./context"
import { BodyTooLargeError, parseForm, readBody, redirect, sendHtml } from "./http-io"
import { isPayment, type Operation, type Order } from "./order-model"
import { messagePage, paymentPage, shopUrl, statusPage, threeDsPage } from "./pages"
import {
  RESPONSES,
  cardBehaviour,
  isExpired,
  luhnValid,
  normaliseCardNumber,
  parseExpiry,
  purchaseKopeckRule,
  type PurchaseBehaviour,
} from "../core/bank/contract/test-cards"

const ROUTES = new Set(["/hpp", "/hpp/", "/hpp/pay", "/hpp/3ds", "/status", "/status/"])

export function isHostedPagePath(path: string): boolean {
  return ROUTES.has(path)
}

/** The shopper-facing side of the bank: payment page, 3-D Secure step and status page. */
export async function handleHostedPage(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/$/, "") || "/"
  const method = req.method ?? "GET"
  if ((method === "GET" || method === "HEAD") && path !== "/hpp/pay") {
    req.resume()
    const order = findOrder(ctx, res, url.searchParams.get("hpp_id"))
    if (!order) return
    if (path === "/hpp") return showPaymentPage(ctx, res, order)
    if (path === "/hpp/3ds") return showThreeDs(ctx, res, order)
    if (path === "/status") {
      const timer = order.statusPageType === "STATUS_TIMER_PAGE" ? ctx.config.statusTimerSeconds : null
      return sendHtml(res, 200, statusPage(order, ctx.publicUrl, timer, ctx.ledger.isExpired(order)))
    }
  } else if (method === "POST" && (path === "/hpp/pay" || path === "/hpp/3ds")) {
    let form: Record<string, string>
    try {
      form = parseForm(await readBody(req))
    } catch (e) {
      if (e instanceof BodyTooLargeError) sendHtml(res, 413, messagePage("en", "Request too large", "The form was too large."))
      return
    }
    const order = findOrder(ctx, res, form.hpp_id ?? null)
    if (!order) return
    return path === "/hpp/pay" ? pay(ctx, res, order, form) : confirmThreeDs(ctx, res, order, form)
  } else {
    req.resume()
  }
  sendHtml(res, 405, messagePage("en", "Method not allowed", `${method} is not supported on ${path}.`))
}

function findOrder(ctx: SandboxContext, res: ServerResponse, hppId: string | null): Order | undefined {
  const order = hppId ? ctx.ledger.get(hppId) : undefined
  if (!order) {
    sendHtml(
      res,
      404,
      messagePage("uk", "Замовлення не знайдено / Order not found", "This payment link is not valid (unknown hpp_id).")
    )
  }
  return order
}

function threeDsPending(order: Order): Operation | undefined {
  return order.operations.find((op) => isPayment(op) && op.status === "REQUIRED_3DS")
}

function showPaymentPage(ctx: SandboxContext, res: ServerResponse, order: Order): void {
  // an A2A order is paid in a bank app, not with a card
  if (order.hppPayType === "A2A") return redirect(res, order.redirectUrl)
  if (threeDsPending(order)) return redirect(res, `${ctx.publicUrl}/hpp/3ds?hpp_id=${order.hppOrderId}`)
  const refusal = ctx.ledger.refusal(order)
  if (refusal) return refuse(ctx, res, order, refusal, 200)
  sendHtml(res, 200, paymentPage(order, { publicUrl: ctx.publicUrl }))
}

function refuse(ctx: SandboxContext, res: ServerResponse, order: Order, refusal: "expired" | "attempted", status: number): void {
  if (refusal === "expired") {
    return sendHtml(
      res,
      410,
      messagePage(order.language, "Термін дії посилання минув / Payment link expired", "This payment link has expired. Go back to the shop and start the payment again.", {
        href: order.failUrl,
        text: "Повернутися до магазину / Return to the shop",
      })
    )
  }
  const purchase = order.operations.filter(isPayment).pop()
  const state =
    purchase?.status === "SUCCESS"
      ? "This order has already been paid. / Замовлення вже оплачено."
      : purchase?.status === "FAIL"
        ? "The payment for this order failed; a new order is needed to try again. / Оплата не вдалася."
        : "The payment for this order is being processed. / Платіж обробляється."
  sendHtml(
    res,
    status,
    messagePage(order.language, "Оплату вже здійснено / Payment already made", state, {
      href: shopUrl(order),
      text: "Повернутися до магазину / Return to the shop",
    })
  )
}

function pay(ctx: SandboxContext, res: ServerResponse, order: Order, form: Record<string, string>): void {
  if (order.hppPayType === "A2A") return sendHtml(res, 409, messagePage(order.language, "Pay by bank", "This order is paid from a bank app, not with a card."))
  const refusal = ctx.ledger.refusal(order)
  if (refusal) return refuse(ctx, res, order, refusal, 409)
  const method = (form.method || "CARD") as PaymentMethod
  const formError = (error: string) =>
    sendHtml(
      res,
      400,
      paymentPage(order, { publicUrl: ctx.publicUrl, error, cardNumber: form.card_number, expiry: form.expiry })
    )

  if (method !== "CARD" && method !== "APPLE_PAY" && method !== "GOOGLE_PAY") {
    return formError("Невідомий спосіб оплати / Unknown payment method.")
  }
  if (!order.paymentMethods.includes(method)) {
    return formError(`${method} is not offered for this order. / Цей спосіб оплати недоступний.`)
  }
  let behaviour: PurchaseBehaviour = { status: "SUCCESS" }
  let cardDigits: string | undefined
  if (method === "CARD") {
    cardDigits = normaliseCardNumber(form.card_number ?? "")
    if (!luhnValid(cardDigits)) return formError("Невірний номер картки / The card number is not valid.")
    const expiry = parseExpiry(form.expiry ?? "")
    if (!expiry) return formError("Вкажіть термін дії як MM/YY / Enter the expiry as MM/YY.")
    if (isExpired(expiry)) return formError("Термін дії картки минув / The card has expired.")
    if (!/^\d{3}$/.test(form.cvv ?? "")) return formError("CVV має містити 3 цифри / The CVV must be 3 digits.")
    behaviour = cardBehaviour(cardDigits)
  }
  behaviour = purchaseKopeckRule(order.coinAmount) ?? behaviour
  const op = ctx.ledger.startPurchase(order, { method, cardDigits, behaviour })
  afterAttempt(ctx, res, order, op)
}

function showThreeDs(ctx: SandboxContext, res: ServerResponse, order: Order): void {
  if (!threeDsPending(order)) {
    return sendHtml(
      res,
      409,
      messagePage(order.language, "3-D Secure", "There is no 3-D Secure step waiting for this order.", {
        href: `${ctx.publicUrl}/status/?hpp_id=${order.hppOrderId}`,
        text: "Статус / Payment status",
      })
    )
  }
  sendHtml(res, 200, threeDsPage(order, ctx.publicUrl))
}

function confirmThreeDs(ctx: SandboxContext, res: ServerResponse, order: Order, form: Record<string, string>): void {
  if (!threeDsPending(order)) return showThreeDs(ctx, res, order)
  if (form.result !== "confirm" && form.result !== "fail") {
    return sendHtml(res, 400, threeDsPage(order, ctx.publicUrl))
  }
  const op =
    form.result === "confirm"
      ? ctx.ledger.settlePurchase(order, "SUCCESS")
      : ctx.ledger.settlePurchase(order, "FAIL", RESPONSES.threeDsFailed)
  afterAttempt(ctx, res, order, op)
}

/** Where the browser goes once the bank has an answer, per the order's statusPageType. */
function afterAttempt(ctx: SandboxContext, res: ServerResponse, order: Order, op: Operation): void {
  if (op.status === "REQUIRED_3DS") return redirect(res, `${ctx.publicUrl}/hpp/3ds?hpp_id=${order.hppOrderId}`)
  if (order.statusPageType === "STATUS_REDIRECT_MERCHANT_PAGE") return redirect(res, shopUrl(order))
  redirect(res, `${ctx.publicUrl}/status/?hpp_id=${order.hppOrderId}`)
}
