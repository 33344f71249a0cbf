import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AlliancePayA2AProviderService } from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [AlliancePayA2AProviderService] })

export { AlliancePayA2AProviderService }
export type { A2AOptionsInput as AlliancePayA2AProviderOptions } from "../../core/checkout/a2a-options"
