import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleCreditMemos } from "../workflows/credit-memo"
import { recordBankRefundsInMedusa } from "../workflows/ledger/record-in-medusa"
import { medusaPaymentState } from "../workflows/reconcile"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"
import { AlliancePayEvents } from "../modules/alliance-pay/events"
import type AlliancePayModuleService from "../modules/alliance-pay/service"

interface BankOrderUpdated {
  id: string
  refunds?: { id: string; from: string; to: string }[]
}

/**
 * A bank refund settled (a callback, the reconciler or Check Payment Status re-read the bank):
 * one Medusa has no record of (its first answer was lost) is recorded in Medusa now, and the
 * online credit memo waiting for it becomes refunded, or failed with the bank's reason.
 */
export default async function onBankRefundSettled({ event, container }: SubscriberArgs<BankOrderUpdated>) {
  const refunds = event.data.refunds ?? []
  if (!refunds.length || !container.hasRegistration(ALLIANCE_PAY_MODULE)) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  if (refunds.some((r) => r.to === "succeeded" || r.to === "pending")) {
    const bankOrder = await alliancePay.retrieveBankOrder(event.data.id)
    const medusa = await medusaPaymentState(container, bankOrder.payment_session_id)
    // only where a live Medusa order carries this bank order's money (not an orphan's refund)
    const carried = medusa.captured && medusa.order_status !== "canceled" && (medusa.bank_order_id ?? bankOrder.id) === bankOrder.id
    if (carried && medusa.payment_id && !bankOrder.detached_at && bankOrder.attention !== "paid_without_order") {
      const recorded = await recordBankRefundsInMedusa(container, bankOrder, medusa.payment_id)
      if (recorded.length) logger.info(`Alliance Pay: refunds ${recorded.join(", ")} confirmed by the bank are now recorded in Medusa: bank order ${event.data.id}`)
    }
  }
  const changed = await settleCreditMemos(container, refunds.map((r) => r.id))
  if (changed.length) logger.info(`Alliance Pay: credit memos ${changed.join(", ")} settled: bank order ${event.data.id}`)
}

export const config: SubscriberConfig = {
  event: AlliancePayEvents.BANK_ORDER_UPDATED,
  context: { subscriberId: "alliancepay-credit-memo-bank-refund" },
}
