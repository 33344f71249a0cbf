import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"
import type AlliancePayModuleService from "../modules/alliance-pay/service"

/**
 * The bank's device session lasts 24 hours and the bank suggests renewing every 8–24 h, not
 * per request. Hourly, renew it once it expires within `renewSessionWithinMs` (default 12 h):
 * under the shared lock, so however many processes run this, the bank sees one authorization.
 */
export default async function renewAlliancePaySession(container: MedusaContainer) {
  if (!container.hasRegistration(ALLIANCE_PAY_MODULE)) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const alliancePay = container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  try {
    const { renewed, session } = await alliancePay.bank.sessions.renewIfExpiringWithin(alliancePay.settings.renewSessionWithinMs)
    logger.info(`Alliance Pay session: ${renewed ? "renewed" : "still valid"}, expires ${new Date(session.expiresAt).toISOString()}`)
  } catch (e) {
    logger.warn(`Alliance Pay session: renewal failed: ${(e as Error).message}`)
  }
}

export const config = {
  name: "alliancepay-renew-session",
  // a cron expression (six fields = with seconds); README, "Deploying"
  schedule: process.env.ALLIANCEPAY_RENEW_SESSION_SCHEDULE?.trim() || "17 * * * *",
}
