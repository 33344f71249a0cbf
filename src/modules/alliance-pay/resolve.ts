import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ALLIANCE_PAY_MODULE } from "./index"
import type AlliancePayModuleService from "./service"

/** The alliancePay module, or a clear refusal when this server was started without it. */
export function alliancePayModule(container: MedusaContainer): AlliancePayModuleService {
  if (!container.hasRegistration(ALLIANCE_PAY_MODULE)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Alliance Pay is not set up on this server: register the "${ALLIANCE_PAY_MODULE}" module in medusa-config (see the README)`
    )
  }
  return container.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
}
