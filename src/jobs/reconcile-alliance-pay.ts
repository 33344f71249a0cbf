import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileDue, type ReconcileDueSummary } from "../workflows/reconcile"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"
import type AlliancePayModuleService from "../modules/alliance-pay/service"

/**
 * Callbacks get lost: every minute, re-read the bank orders and refunds that are still open
 * (each on its own backoff) and settle them exactly as a verified callback would.
 */
export default async function reconcileAlliancePay(container: MedusaContainer) {
  if (!container.hasRegistration(ALLIANCE_PAY_MODULE)) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  const startedAt = new Date()
  let summary: ReconcileDueSummary = { checked: 0, changed: 0, failed: 0, ms: 0 }
  try {
    summary = await reconcileDue(container, {
      budgetMs: 50_000,
      onError: (id, e) => logger.warn(`Alliance Pay reconcile: bank order ${id}: ${(e as Error).message}`),
    })
  } catch (e) {
    // Settings → Alliance Pay shows that the run failed and why; Medusa logs the error
    await alliancePay.noteReconcileRun({ startedAt, finishedAt: new Date(), ...summary, error: (e as Error).message })
    throw e
  }
  await alliancePay.noteReconcileRun({ startedAt, finishedAt: new Date(), ...summary })
  if (summary.checked || summary.failed) {
    logger.info(`Alliance Pay reconcile: ${summary.checked} checked, ${summary.changed} changed, ${summary.failed} failed in ${summary.ms} ms`)
  }
}

export const config = {
  name: "alliancepay-reconcile",
  // a cron expression (six fields = with seconds); README, "Deploying"
  // read when Medusa loads the jobs, even if something imported this file before the environment was set
  get schedule() {
    return process.env.ALLIANCEPAY_RECONCILE_SCHEDULE?.trim() || "* * * * *"
  },
}
