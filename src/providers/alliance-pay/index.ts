import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AlliancePayProviderService } from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [AlliancePayProviderService] })

export { AlliancePayProviderService }
export type { ProviderOptionsInput as AlliancePayProviderOptions } from "../../core/checkout/options"
