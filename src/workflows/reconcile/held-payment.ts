import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { BigNumber, ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../../core/bank"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"
import type { MedusaPaymentState } from "./medusa-payment-state"

/**
 * Two-step payments (captureMode "manual") in the reconciler. A hold Medusa has not heard of (the
 * callback was lost) is given to Medusa as an authorization, as a callback would; one Medusa
 * carries is read again only when the bank releases it. A hold the bank released uncaptured
 * cancels Medusa's payment (the order stays: the merchant decides) with a line in the history.
 */
export async function reconcileHold(
  container: MedusaContainer,
  record: BankOrderRecord,
  before: MedusaPaymentState
): Promise<{ type: "authorized_payment" | "canceled_payment"; id: string } | null> {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (record.detached_at || before.order_status === "canceled") return null

  if (record.state === "authorized") {
    let action: { type: "authorized_payment"; id: string } | null = null
    if (!before.payment_id && before.session_status !== null) {
      try {
        await processPaymentWorkflow(container).run({ input: { action: "authorized", data: { session_id: record.payment_session_id, amount: new BigNumber(fromKopecks(Number(record.coin_amount))) } } })
        action = { type: "authorized_payment", id: record.payment_session_id }
      } catch (e) {
        logger.warn(`Alliance Pay: Medusa could not take the card hold of bank order ${record.hpp_order_id}: ${(e as Error).message}`)
      }
    }
    if (record.hold_expires_at) {
      await alliancePay.recheckAt(record.id, new Date(new Date(record.hold_expires_at).getTime() + alliancePay.settings.expiryGraceMs))
    }
    return action
  }

  if (record.state === "expired" && before.payment_id && !before.payment_canceled && before.captured_kopecks === 0) {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    await payments.cancelPayment(before.payment_id)
    const until = record.hold_expires_at ? new Date(record.hold_expires_at).toISOString() : "its end"
    await alliancePay.addHistory(record.id, {
      by: null,
      action: "hold_expired",
      note: `the card hold expired at ${until} before it was captured: the bank released the money to the shopper and Medusa's payment is canceled. Ask the customer to pay again, or cancel the order`,
    })
    logger.warn(`Alliance Pay: the card hold of bank order ${record.hpp_order_id} expired uncaptured; Medusa payment ${before.payment_id} canceled`)
    await alliancePay.settled(record.id)
    return { type: "canceled_payment", id: before.payment_id }
  }
  return null
}
