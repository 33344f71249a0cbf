import type { MedusaContainer } from "@medusajs/framework/types"
import { BigNumber, ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { fromKopecks } from "../../core/bank"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { SyncResult } from "../../modules/alliance-pay/service"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"
import { clearOrphan, flagOrphan, refundOrphanIfDue } from "../ledger/orphans"
import { recordBankRefundsInMedusa } from "../ledger/record-in-medusa"
import { movedKopecks } from "../../core/bank-state"
import { closeUnpaidOrder } from "./close-unpaid-order"
import { reconcileHold } from "./held-payment"
import { medusaPaymentState, type MedusaPaymentState } from "./medusa-payment-state"

export type MedusaAction = "captured_payment" | "canceled_order" | "refunded_orphan" | "authorized_payment" | "canceled_payment"

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

export interface ReconcileOptions {
  /**
   * always: re-read the bank (Check Payment Status: the merchant asked). ifOpen: only while the
   * bank can still change something (an open payment or refund); otherwise Medusa is checked
   * against what we already know, at no bank call (the reconciler).
   */
  readBank?: "always" | "ifOpen"
}

async function syncIfNeeded(alliancePay: AlliancePayModuleService, record: BankOrderRecord, readBank: "always" | "ifOpen"): Promise<SyncResult> {
  // a hold is due for a read when the bank releases it (or just after it was placed)
  const open = record.state === "pending" || record.state === "in_progress" || record.state === "authorized"
  if (readBank === "always" || open || (await alliancePay.ledger.hasOpenRefunds(record.id))) return alliancePay.syncBankOrder(record)
  return { record, previous: record.state, state: record.state, changed: false, refunds: [] }
}

/** Medusa's refunds on the payment against the bank's and the offline ones: a difference is for a human. */
async function checkRefundsAgree(container: MedusaContainer, record: BankOrderRecord): Promise<BankOrderRecord> {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const medusa = await medusaPaymentState(container, record.payment_session_id)
  const moved = movedKopecks(await alliancePay.listBankRefunds({ bank_order_id: record.id }), record.id)
  const disagree = medusa.refunded !== moved
  if (disagree && record.attention !== "refunds_disagree" && !record.attention) {
    const note = `Medusa shows ${fromKopecks(medusa.refunded)}, the bank and offline records ${fromKopecks(moved)} ${record.currency_code.toUpperCase()} refunded`
    return alliancePay.setAttention(record.id, { attention: "refunds_disagree", entry: { by: null, action: "refunds_disagree", note } })
  }
  if (!disagree && record.attention === "refunds_disagree") {
    return alliancePay.setAttention(record.id, { attention: null, entry: { by: null, action: "resolved", note: "Medusa's refunds agree with the bank again" } })
  }
  return record
}

/**
 * The one reconciliation, shared by Check Payment Status and the reconciler job: re-read
 * the bank (the module's verified sync, as a callback does), then bring Medusa in line
 * with the same workflows a callback ends in. The re-read itself is idempotent and runs
 * unlocked (the reconciler re-reads thousands of open orders); bringing Medusa in line runs
 * one caller at a time per bank order, across processes.
 *
 * Money the bank took that no Medusa order carries (a detached bank order paid anyway, a late
 * success after the order was canceled, a cart that could not be completed) is flagged for the
 * merchant and, once its delay is over, refunded through the bank.
 */
export async function reconcileBankOrder(
  container: MedusaContainer,
  bankOrder: string | BankOrderRecord,
  { readBank = "always" }: ReconcileOptions = {}
): Promise<ReconcileResult> {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const bankOrderId = typeof bankOrder === "string" ? bankOrder : bankOrder.id
  const record = typeof bankOrder === "string" ? await alliancePay.retrieveBankOrder(bankOrder) : bankOrder
  const synced = await syncIfNeeded(alliancePay, record, readBank)
  const sessionId = synced.record.payment_session_id
  const actions: ReconcileResult["actions"] = []
  // nothing for Medusa to do while the bank has not decided: spare the lock and the queries
  if (synced.state === "pending" || synced.state === "in_progress" || synced.state === "creating" || synced.state === "create_failed") {
    return { bank_order_id: bankOrderId, previous: synced.previous, state: synced.state, changed: synced.changed || synced.refunds.length > 0, refunds: synced.refunds, actions, reason: synced.reason, medusa: null }
  }
  return alliancePay.withAdvisoryLock(`alliancepay:reconcile:${bankOrderId}`, async () => {
    const before = await medusaPaymentState(container, sessionId)
    let current = await alliancePay.retrieveBankOrder(bankOrderId)
    const detached = !!current.detached_at
    const held = !!current.hold_operation_id
    if (held && (synced.state === "authorized" || synced.state === "expired")) {
      const action = await reconcileHold(container, current, before)
      if (action) actions.push(action)
      const medusa = await medusaPaymentState(container, sessionId)
      return { bank_order_id: bankOrderId, previous: synced.previous, state: synced.state, changed: synced.changed || actions.length > 0, refunds: synced.refunds, actions, reason: synced.reason, medusa }
    }

    // a canceled order is not revived by a late payment: that money is returned instead (below)
    // a completed hold is captured in Medusa by the admin's Capture itself, for the amount taken
    if (synced.state === "captured" && !held && !detached && !before.captured && before.session_status !== null && before.order_status !== "canceled") {
      // exactly what Medusa does for a verified "captured" callback
      try {
        await processPaymentWorkflow(container).run({
          input: { action: "captured", data: { session_id: sessionId, amount: new BigNumber(fromKopecks(Number(synced.record.coin_amount))) } },
        })
      } catch (e) {
        container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Alliance Pay: Medusa could not take the payment of bank order ${current.hpp_order_id}: ${(e as Error).message}`)
      }
    }
    let canceled: string | null = null
    if (synced.state === "failed" || synced.state === "expired") {
      canceled = detached
        ? null
        : await closeUnpaidOrder(container, {
            payment_session_id: sessionId,
            reason: synced.record.failure_reason ?? (synced.state === "expired" ? "the payment link expired" : "the bank declined the payment"),
          })
    }
    const medusa = await medusaPaymentState(container, sessionId)
    if (medusa.captured && !before.captured && medusa.payment_id) actions.push({ type: "captured_payment", id: medusa.payment_id })
    // the sync's event lets the subscriber cancel the same order concurrently: whoever won, this news canceled it
    canceled ??= synced.changed && medusa.order_status === "canceled" ? medusa.order_id : null
    if (canceled) actions.push({ type: "canceled_order", id: canceled })

    if (synced.state === "captured") {
      // a hold captured for less than it held leaves Medusa's payment partly captured: its order carries it all the same
      const capturedInMedusa = held ? !!medusa.payment_id : medusa.captured
      const carried = !detached && capturedInMedusa && medusa.order_status !== "canceled" && (medusa.bank_order_id ?? current.id) === current.id
      if (carried) {
        await clearOrphan(container, current)
        if (medusa.payment_id) await recordBankRefundsInMedusa(container, current, medusa.payment_id)
        current = await checkRefundsAgree(container, current)
      } else if ((await alliancePay.ledger.refundableOf(current.id)) === 0) {
        if (current.attention === "paid_without_order" && !(await alliancePay.ledger.hasOpenRefunds(current.id))) {
          await alliancePay.setAttention(current.id, { attention: null, autoRefundAt: null, entry: { by: null, action: "refunded_orphan", note: "the bank returned the money" } })
          current = await alliancePay.retrieveBankOrder(current.id)
        }
      } else {
        const why = detached
          ? "the shop had already replaced this payment link"
          : medusa.order_status === "canceled"
            ? `its order ${medusa.order_id} is canceled`
            : "Medusa could not turn the cart into an order"
        current = await flagOrphan(container, current, why)
        if (await refundOrphanIfDue(container, current).catch(() => false)) actions.push({ type: "refunded_orphan", id: current.id })
      }
      if (!(await alliancePay.ledger.hasOpenRefunds(current.id)) && (carried || current.attention !== "paid_without_order" || !current.auto_refund_at)) {
        await alliancePay.settled(current.id)
      }
    }

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
