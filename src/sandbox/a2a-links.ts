import { fromKopecks } from "../core/bank/money"
import type { A2AFields } from "./a2a-request"
import type { Order } from "./order-model"

/** The sandbox merchant as the NBU QR names the recipient. */
const RECIPIENT = { name: "Alliance Pay sandbox merchant", iban: "UA703001190000026201132371001", code: "3467808150" }

function yymmddhhmmss(at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0")
  return `${p(at.getUTCFullYear() % 100)}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`
}

/**
 * The NBU QR payload (format 003, credit transfer), laid out as in the payload the docs'
 * example nbuQrCode carries: recipient, IBAN, amount, goal, our order as the reference.
 */
export function nbuQrPayload(order: Order, fields: A2AFields): string {
  return [
    "BCD",
    "003",
    "1",
    "ICT",
    "",
    RECIPIENT.name,
    RECIPIENT.iban,
    fields.editableAmount ? "UAH" : `UAH${fromKopecks(order.coinAmount)}`,
    RECIPIENT.code,
    fields.paymentCategoryGoal ?? "MP2B/OTHR",
    order.hppOrderId,
    order.merchantComment ?? "",
    order.purpose ?? "",
    "FFFF",
    yymmddhhmmss(order.expiresAt),
    yymmddhhmmss(order.createdAt),
    "",
  ].join("\n")
}

/** The hppOrderId an NBU QR payload refers to (its reference line), if it is one of ours. */
export function hppOrderIdOfQr(encoded: string): string | undefined {
  try {
    const lines = Buffer.from(encoded, "base64url").toString("utf8").split("\n")
    return lines[0] === "BCD" ? lines[10] || undefined : undefined
  } catch {
    return undefined
  }
}

/**
 * Where an A2A order sends the shopper: the bank's deep link (the sandbox's stand-in for the
 * bank app, or the priority bank's app), no status page, and the NBU QR link when asked for.
 * The real bank answers with a bank.gov.ua/qr/<payload> link; the sandbox serves its own /qr/.
 */
export function a2aLinks(order: Order, fields: A2AFields, publicUrl: string): Pick<Order, "redirectUrl" | "statusUrl" | "nbuQrCode"> {
  const bank = fields.priorityBankCode && fields.priorityBankCode !== "ALL_BANKS" ? `&bank=${fields.priorityBankCode}` : ""
  return {
    redirectUrl: `${publicUrl}/a2a/?hpp_id=${order.hppOrderId}${bank}`,
    statusUrl: null,
    nbuQrCode: fields.generateQrNbu ? `${publicUrl}/qr/${Buffer.from(nbuQrPayload(order, fields), "utf8").toString("base64url")}` : undefined,
  }
}
