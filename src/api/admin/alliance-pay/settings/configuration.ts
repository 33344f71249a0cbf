import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { alliancePayModule } from "../../../../workflows/admin-views"
import { parseA2AOptions } from "../../../../core/checkout/a2a-options"
import { callbackUrlOf, parseProviderOptions } from "../../../../core/checkout/options"
import type { AlliancePaySettingsView } from "./types"

const mask = (value: string) => (value.length <= 10 ? "••••" : `${value.slice(0, 4)}…${value.slice(-4)}`)

type ProviderEntry = { resolve?: unknown; id?: unknown; options?: unknown }

/** Alliance Pay providers registered under the payment module, however medusa-config listed the modules. */
function alliancePayProviders(container: MedusaContainer): ProviderEntry[] {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { modules?: unknown }
  const modules = Object.values((config.modules ?? {}) as Record<string, unknown>)
  return modules.flatMap((m) => {
    const providers = (m as { options?: { providers?: unknown } } | null)?.options?.providers
    return Array.isArray(providers)
      ? (providers as ProviderEntry[]).filter((p) => typeof p?.resolve === "string" && /alliance-?pay/i.test(p.resolve))
      : []
  })
}

const isPayByBank = (entry: ProviderEntry) => typeof entry.resolve === "string" && /alliance-?pay-a2a/i.test(entry.resolve)

export function alliancePaySettings(container: MedusaContainer): AlliancePaySettingsView {
  const settings = alliancePayModule(container).settings
  return {
    merchant_id: settings.merchantId ?? "",
    service_code: mask(settings.serviceCode ?? ""),
    private_key_set: true,
    api_url: settings.apiUrl,
    providers: alliancePayProviders(container).map((entry) => {
      const options = parseProviderOptions({ ...(entry.options as object), providerId: (entry.options as { providerId?: string })?.providerId ?? entry.id })
      const common = {
        id: `pp_alliancepay_${options.providerId}`,
        callback_url: callbackUrlOf(options),
        success_url: options.successUrl,
        fail_url: options.failUrl ?? options.successUrl,
        payment_methods: [...options.paymentMethods],
        link_lifetime_minutes: options.linkLifetimeMinutes,
        status_page_type: options.statusPageType,
        default_language: options.defaultLanguage,
        callback_encryption: options.callbackEncryption,
      }
      if (isPayByBank(entry)) {
        const a2a = parseA2AOptions(entry.options)
        return { ...common, kind: "pay_by_bank" as const, payment_methods: ["BANK_LINK"], link_lifetime_minutes: a2a.linkLifetimeMinutes }
      }
      return { ...common, kind: "card" as const, capture_mode: options.captureMode, hold_lifetime_hours: options.holdLifetimeHours }
    }),
  }
}
