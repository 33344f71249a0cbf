import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileDue } from "../workflows/reconcile"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"

/**
 * Callbacks get lost: every minute, re-read the bank orders and refunds that are still open
 * (each on its own backoff) and settle them exactly as a verified callback would.
 */
export default async function reconcileAlliancePay(container: MedusaContainer) {
  if (!container.hasRegistration(ALLIANCE_PAY_MODULE)) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const summary = await reconcileDue(container, {
    budgetMs: 50_000,
    onError: (id, e) => logger.warn(`Alliance Pay reconcile: bank order ${id}: ${(e as Error).message}`),
  })
  if (summary.checked || summary.failed) {
    logger.info(`Alliance Pay reconcile: ${summary.checked} checked, ${summary.changed} changed, ${summary.failed} failed in ${summary.ms} ms`)
  }
}

export const config = {
  name: "alliancepay-reconcile",
  schedule: "* * * * *",
}
