import type { MedusaContainer } from "@medusajs/framework/types"
import { BigNumber } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../alliance-pay"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { SyncResult } from "../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"
import { closeUnpaidOrder } from "./close-unpaid-order"
import { medusaPaymentState, type MedusaPaymentState } from "./medusa-payment-state"

export type MedusaAction = "captured_payment" | "canceled_order"

export interface ReconcileResult {
  bank_order_id: string
  previous: SyncResult["previous"]
  state: SyncResult["state"]
  /** our bank state changed, a refund settled, or Medusa was brought in line */
  changed: boolean
  refunds: SyncResult["refunds"]
  actions: { type: MedusaAction; id: string }[]
  reason?: string
  /** Medusa's view after reconciling; null when the bank has not decided yet */
  medusa: MedusaPaymentState | null
}

/**
 * The one reconciliation, shared by Check Payment Status and the reconciler job: re-read
 * the bank (the module's verified sync, as a callback does), then bring Medusa in line
 * with the same workflows a callback ends in. The re-read itself is idempotent and runs
 * unlocked (the reconciler re-reads thousands of open orders); bringing Medusa in line runs
 * one caller at a time per bank order, across processes.
 */
export async function reconcileBankOrder(container: MedusaContainer, bankOrder: string | BankOrderRecord): Promise<ReconcileResult> {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const bankOrderId = typeof bankOrder === "string" ? bankOrder : bankOrder.id
  const synced = await alliancePay.syncBankOrder(bankOrder)
  const sessionId = synced.record.payment_session_id
  const actions: ReconcileResult["actions"] = []
  // nothing for Medusa to do while the bank has not decided: spare the lock and the queries
  if (synced.state === "pending" || synced.state === "in_progress" || synced.state === "superseded") {
    return { bank_order_id: bankOrderId, previous: synced.previous, state: synced.state, changed: synced.changed || synced.refunds.length > 0, refunds: synced.refunds, actions, reason: synced.reason, medusa: null }
  }
  return alliancePay.withAdvisoryLock(`alliancepay:reconcile:${bankOrderId}`, async () => {
    const before = await medusaPaymentState(container, sessionId)

    if (synced.state === "captured" && !before.captured && before.session_status !== null) {
      // exactly what Medusa does for a verified "captured" callback
      await processPaymentWorkflow(container).run({
        input: { action: "captured", data: { session_id: sessionId, amount: new BigNumber(fromKopecks(synced.record.coin_amount)) } },
      })
    }
    let canceled: string | null = null
    if (synced.state === "failed" || synced.state === "expired") {
      canceled = await closeUnpaidOrder(container, {
        payment_session_id: sessionId,
        reason: synced.record.failure_reason ?? (synced.state === "expired" ? "the payment link expired" : "the bank declined the payment"),
      })
    }
    const medusa = await medusaPaymentState(container, sessionId)
    if (medusa.captured && !before.captured && medusa.payment_id) actions.push({ type: "captured_payment", id: medusa.payment_id })
    // the sync's event lets the subscriber cancel the same order concurrently: whoever won, this news canceled it
    canceled ??= synced.changed && medusa.order_status === "canceled" ? medusa.order_id : null
    if (canceled) actions.push({ type: "canceled_order", id: canceled })

    return {
      bank_order_id: bankOrderId,
      previous: synced.previous,
      state: synced.state,
      changed: synced.changed || synced.refunds.length > 0 || actions.length > 0,
      refunds: synced.refunds,
      actions,
      reason: synced.reason,
      medusa,
    }
  })
}
