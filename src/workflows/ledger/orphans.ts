import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fromKopecks } from "../../core/bank"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"

export const ORPHAN_REFUND_NOTE = "Paid at the bank without a Medusa order to carry it: returned automatically by the Alliance Pay plugin"

/** Paid at the bank, nothing refunded yet, no Medusa order carries it: flag it for a human (once). */
export async function flagOrphan(container: MedusaContainer, record: BankOrderRecord, why: string): Promise<BankOrderRecord> {
  // flagged already, or a merchant has decided what to do with it (marked resolved)
  if (record.attention === "paid_without_order" || record.resolved_at) return record
  const alliancePay = alliancePayModule(container)
  const { enabled, afterMs } = alliancePay.settings.orphanRefund
  const autoRefundAt = enabled ? new Date(Date.now() + afterMs) : null
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`Alliance Pay: bank order ${record.hpp_order_id} was paid but ${why}${autoRefundAt ? `; it is refunded automatically at ${autoRefundAt.toISOString()} unless resolved` : ""}`)
  const updated = await alliancePay.setAttention(record.id, {
    attention: "paid_without_order",
    autoRefundAt,
    entry: { by: null, action: "paid_without_order", note: why },
  })
  if (autoRefundAt) await alliancePay.recheckAt(record.id, autoRefundAt)
  return updated
}

/** The money came back to an order after all (Medusa captured it): nothing to return. */
export async function clearOrphan(container: MedusaContainer, record: BankOrderRecord): Promise<void> {
  if (record.attention !== "paid_without_order") return
  await alliancePayModule(container).setAttention(record.id, {
    attention: null,
    autoRefundAt: null,
    entry: { by: null, action: "resolved", note: "Medusa now carries the payment on an order" },
  })
}

/**
 * Returns the money of a bank order paid without an order, once its delay is over: the whole
 * refundable amount, through the same checked refund every path uses. Idempotent: what is
 * already refunded or awaiting the bank is not refundable any more.
 */
export async function refundOrphanIfDue(container: MedusaContainer, record: BankOrderRecord, { now = Date.now(), force = false, by = null as string | null } = {}): Promise<boolean> {
  if (record.attention !== "paid_without_order" || record.state !== "captured") return false
  if (!force && (!record.auto_refund_at || new Date(record.auto_refund_at).getTime() > now)) return false
  const alliancePay = alliancePayModule(container)
  const left = await alliancePay.ledger.refundableOf(record.id)
  if (left <= 0) return false
  const amount = `${fromKopecks(left)} ${record.currency_code.toUpperCase()}`
  try {
    const refund = await alliancePay.ledger.requestRefund({ bankOrderId: record.id, coinAmount: left, note: ORPHAN_REFUND_NOTE })
    await alliancePay.setAttention(record.id, {
      attention: "paid_without_order",
      autoRefundAt: null,
      entry: { by, action: "auto_refund_requested", note: `${amount} asked back from the bank (${refund.state})` },
    })
    return true
  } catch (e) {
    await alliancePay.setAttention(record.id, {
      attention: "paid_without_order",
      autoRefundAt: null,
      entry: { by, action: "auto_refund_failed", note: `${amount}: ${(e as Error).message}`.slice(0, 500) },
    })
    throw e
  }
}
