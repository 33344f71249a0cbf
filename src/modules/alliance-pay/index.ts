import { Module } from "@medusajs/framework/utils"
import AlliancePayModuleService from "./service"

/** Register as `alliancePay`; the payment module must list it in `dependencies` (see README). */
export const ALLIANCE_PAY_MODULE = "alliancePay"

export default Module(ALLIANCE_PAY_MODULE, { service: AlliancePayModuleService })

export { AlliancePayModuleService }
export { deviceSessionId } from "./device-session-store"
