import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { closeUnpaidOrder, reconcileBankOrder } from "../workflows/reconcile"
import { AlliancePayEvents } from "../modules/alliance-pay/events"

interface BankOrderUpdated {
  id: string
  payment_session_id: string
  previous: string
  state: string
  reason: string | null
}

/**
 * Medusa's own webhook handling ignores failures and expiries, so they are ours: an order
 * that was waiting for this payment is canceled with the bank's reason. Without an order,
 * nothing else is needed: the attempt is recorded as failed and the shopper can start a new one.
 */
export default async function onBankOrderUpdated({ event, container }: SubscriberArgs<BankOrderUpdated>) {
  const { state, payment_session_id, reason, id } = event.data
  if (state !== "failed" && state !== "expired") return
  if (event.data.previous === "authorized") {
    // a card hold the bank released uncaptured: Medusa's payment is canceled, the order left to the
    // merchant (reconcileBankOrder, from what was just read: no bank call)
    await reconcileBankOrder(container, id, { readBank: "ifOpen" })
    return
  }
  const canceled = await closeUnpaidOrder(container, {
    payment_session_id,
    reason: reason ?? (state === "expired" ? "the payment link expired" : "the bank declined the payment"),
  })
  if (canceled) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Alliance Pay: order ${canceled} canceled: bank order ${id} is ${state}`)
  }
}

export const config: SubscriberConfig = {
  event: AlliancePayEvents.BANK_ORDER_UPDATED,
  context: { subscriberId: "alliancepay-bank-order-updated" },
}
