import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { shopperReason, type ShopperReason } from "../../../core/bank-reasons"
import { alliancePayModule } from "../../../modules/alliance-pay/resolve"
import type { OperationSummary } from "../../../modules/alliance-pay/operation-summary"
import type AlliancePayModuleService from "../../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../../modules/alliance-pay/types"

const ALLIANCE_PAY_PROVIDER = /^pp_alliancepay_/

export type ShopperPaymentStatus = "paid" | "in_progress" | "failed" | "pending" | "expired" | "none"

/** What a storefront's return page needs to decide, and nothing else about the cart. */
export interface CartPaymentStatus {
  cart_id: string
  status: ShopperPaymentStatus
  /** the bank will not change its answer any more */
  final: boolean
  /** the order the cart became, if it did */
  order_id: string | null
  /** the bank's order id (shown on its page and receipts) */
  bank_order: string | null
  /** the bank's payment page again, while nothing was paid and the link is open */
  redirect_url: string | null
  reason: ShopperReason | null
  /** when our record last heard from the bank */
  checked_at: string | null
}

const STATUS: Record<BankOrderRecord["state"], ShopperPaymentStatus> = {
  creating: "pending",
  create_failed: "none",
  pending: "pending",
  in_progress: "in_progress",
  captured: "paid",
  // the shopper is done: the card holds the money until the shop captures it
  authorized: "paid",
  failed: "failed",
  mismatch: "failed",
  expired: "expired",
}
const FAILED_OPERATION = new Set(["FAIL", "DESIRED_THREEDS_MODE_ERROR"])
const OPEN = new Set<BankOrderRecord["state"]>(["creating", "pending", "in_progress"])

/** At most one bank read per bank order in this window, whoever asks (this route, the provider, the reconciler). */
const BANK_READ_WINDOW_MS = 1_000
const inFlight = new Map<string, Promise<BankOrderRecord>>()

/**
 * The cart's Alliance Pay payment from our records; the bank is re-read only while our record
 * is open and was not read within the window, one read at a time per bank order in this process.
 */
export async function cartPaymentStatus(container: MedusaContainer, cartId: string): Promise<CartPaymentStatus> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const alliancePay = alliancePayModule(container)
  const [{ data: carts }, { data: links }] = await Promise.all([
    query.graph({
      entity: "cart",
      fields: ["id", "payment_collection.payment_sessions.id", "payment_collection.payment_sessions.provider_id"],
      filters: { id: cartId },
    }),
    query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } }),
  ])
  const cart = carts[0]
  if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${cartId}`)
  const orderId: string | null = links[0]?.order_id ?? null
  const all = (cart.payment_collection?.payment_sessions ?? []) as ({ id: string; provider_id: string } | null)[]
  const sessionIds = all.filter((s) => s && ALLIANCE_PAY_PROVIDER.test(s.provider_id)).map((s) => s!.id)
  // the bank order the cart's session uses now (a replaced one is followed by the reconciler, not shown here)
  const [latest] = sessionIds.length
    ? await alliancePay.listBankOrders({ payment_session_id: sessionIds, detached_at: null }, { order: { created_at: "DESC" }, take: 1 })
    : []
  if (!latest) return describe(cartId, orderId, undefined)
  return describe(cartId, orderId, await fresh(alliancePay, latest, container))
}

async function fresh(alliancePay: AlliancePayModuleService, record: BankOrderRecord, container: MedusaContainer): Promise<BankOrderRecord> {
  if (!OPEN.has(record.state) || !record.hpp_order_id) return record
  // check_count counts re-reads: creating the bank order stamps last_synced_at but has read nothing
  const lastRead = record.check_count && record.last_synced_at ? new Date(record.last_synced_at).getTime() : 0
  if (Date.now() - lastRead < BANK_READ_WINDOW_MS) return record
  let read = inFlight.get(record.id)
  if (!read) {
    read = alliancePay
      .syncBankOrder(record)
      .then((r) => r.record)
      .finally(() => inFlight.delete(record.id))
    inFlight.set(record.id, read)
  }
  try {
    return await read
  } catch (e) {
    // the bank did not answer: what we know stays true (and is not final), the page asks again
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Alliance Pay: payment status of bank order ${record.hpp_order_id} not re-read: ${(e as Error).message}`)
    return record
  }
}

function describe(cartId: string, orderId: string | null, record: BankOrderRecord | undefined): CartPaymentStatus {
  const status = record ? STATUS[record.state] : "none"
  return {
    cart_id: cartId,
    status,
    final: !record || !OPEN.has(record.state),
    order_id: orderId,
    bank_order: record?.hpp_order_id ?? null,
    redirect_url: status === "pending" && !orderId && !expired(record) ? (record?.redirect_url ?? null) : null,
    reason: reasonOf(record),
    checked_at: record?.last_synced_at ? new Date(record.last_synced_at).toISOString() : null,
  }
}

const expired = (record?: BankOrderRecord) => !!record?.expires_at && new Date(record.expires_at).getTime() <= Date.now()

function reasonOf(record: BankOrderRecord | undefined): ShopperReason | null {
  if (!record) return null
  if (record.state === "expired" || record.state === "mismatch") return shopperReason(record.state)
  if (record.state !== "failed") return null
  const operations = (Array.isArray(record.operations) ? record.operations : []) as unknown as OperationSummary[]
  const failed = [...operations].reverse().find((op) => (op.type === "PURCHASE" || op.type === "ACCOUNT_2_ACCOUNT") && FAILED_OPERATION.has(op.status))
  return shopperReason("failed", failed)
}
