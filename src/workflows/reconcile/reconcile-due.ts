import type { MedusaContainer } from "@medusajs/framework/types"
import { ALLIANCE_PAY_MODULE } from "../../modules/alliance-pay"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import { forEachLimited } from "./pool"
import { reconcileBankOrder } from "./reconcile-bank-order"

export interface ReconcileDueSummary {
  checked: number
  changed: number
  failed: number
  ms: number
}

export interface ReconcileDueOptions {
  concurrency?: number
  pageSize?: number
  leaseMs?: number
  /** stop claiming new pages after this long (the next run continues) */
  budgetMs?: number
  onError?: (bankOrderId: string, error: unknown) => void
}

/**
 * Re-reads every bank order that is due (open payments, unsettled refunds), a page at a time
 * so memory does not grow with the backlog, each through the shared reconciliation.
 */
export async function reconcileDue(container: MedusaContainer, options: ReconcileDueOptions = {}): Promise<ReconcileDueSummary> {
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const defaults = alliancePay.settings.reconcile
  const concurrency = options.concurrency ?? defaults.concurrency
  const pageSize = options.pageSize ?? defaults.pageSize
  const leaseMs = options.leaseMs ?? defaults.leaseMs
  const started = Date.now()
  // orders re-read in this run are due again later: never claim past the run's start
  const dueBy = new Date(started)
  const summary: ReconcileDueSummary = { checked: 0, changed: 0, failed: 0, ms: 0 }
  for (;;) {
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break
    const page = await alliancePay.claimDueBankOrders(pageSize, leaseMs, dueBy)
    if (!page.length) break
    await forEachLimited(page, concurrency, async (record) => {
      try {
        const result = await reconcileBankOrder(container, record, { readBank: "ifOpen" })
        summary.checked++
        if (result.changed) summary.changed++
      } catch (e) {
        summary.failed++
        options.onError?.(record.id, e)
      }
    })
  }
  summary.ms = Date.now() - started
  return summary
}
