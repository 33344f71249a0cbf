import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleCreditMemos } from "../lib/credit-memo"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"
import { AlliancePayEvents } from "../modules/alliance-pay/events"

interface BankOrderUpdated {
  id: string
  refunds?: { id: string; from: string; to: string }[]
}

/**
 * A bank refund settled (a callback, the reconciler or Check Payment Status re-read the bank):
 * the online credit memo waiting for it becomes refunded, or failed with the bank's reason.
 */
export default async function onBankRefundSettled({ event, container }: SubscriberArgs<BankOrderUpdated>) {
  const refunds = event.data.refunds ?? []
  if (!refunds.length || !container.hasRegistration(ALLIANCE_PAY_MODULE)) return
  const changed = await settleCreditMemos(container, refunds.map((r) => r.id))
  if (changed.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Alliance Pay: credit memos ${changed.join(", ")} settled: bank order ${event.data.id}`)
  }
}

export const config: SubscriberConfig = {
  event: AlliancePayEvents.BANK_ORDER_UPDATED,
  context: { subscriberId: "alliancepay-credit-memo-bank-refund" },
}
