import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, FeatureFlag, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { DEMO } from "./store-data"

/**
 * The demo store, run by `npm run demo` as `medusa exec scripts/demo/seed.ts` when the database has
 * no demo storefront key yet. Idempotent: every piece is looked up by name first and only created
 * when missing, and the publishable key (what the demo looks for) comes last, so a seed that was
 * interrupted is completed by the next run instead of duplicated.
 */
export default async function seedDemo({ container }: { container: MedusaContainer }): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const email = process.env.DEMO_ADMIN_EMAIL || "admin@alliancepay.demo"
  const password = process.env.DEMO_ADMIN_PASSWORD || "alliancepay-demo"

  const salesChannelId = await salesChannel(container)
  const regionId = await region(container)
  await store(container, salesChannelId, regionId)
  const { stockLocationId, shippingProfileId } = await warehouse(container, salesChannelId, regionId)
  await product(container, salesChannelId, stockLocationId, shippingProfileId)
  await adminUser(container, email, password)
  await publishableKey(container, salesChannelId)
  logger.info("Alliance Pay demo store is seeded")
}

async function salesChannel(container: MedusaContainer): Promise<string> {
  const [found] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ name: DEMO.salesChannel })
  if (found) return found.id
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: DEMO.salesChannel, description: "npm run demo" }] },
  })
  return result[0].id
}

async function region(container: MedusaContainer): Promise<string> {
  const regions = await container.resolve(Modules.REGION).listRegions({}, { relations: ["countries"] })
  const found = regions.find((r) => r.countries?.some((c) => c.iso_2 === "ua"))
  if (found) {
    // the providers are (re)applied: the region may predate the plugin's configuration
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: found.id }, update: { payment_providers: [...DEMO.paymentProviders] } },
    })
    return found.id
  }
  const { result } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: DEMO.region, currency_code: "uah", countries: ["ua"], payment_providers: [...DEMO.paymentProviders] }] },
  })
  const [taxRegion] = await container.resolve(Modules.TAX).listTaxRegions({ country_code: "ua" })
  if (!taxRegion) await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "ua", provider_id: "tp_system" }] })
  return result[0].id
}

async function store(container: MedusaContainer, salesChannelId: string, regionId: string): Promise<void> {
  const [current] = await container.resolve(Modules.STORE).listStores({}, { take: 1 })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: current.id },
      update: {
        name: "Alliance Pay demo",
        supported_currencies: [{ currency_code: "uah", is_default: true }],
        default_sales_channel_id: salesChannelId,
        default_region_id: regionId,
      },
    },
  })
}

async function warehouse(container: MedusaContainer, salesChannelId: string, regionId: string) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  let [location] = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: DEMO.stockLocation })
  if (!location) {
    location = (
      await createStockLocationsWorkflow(container).run({
        input: { locations: [{ name: DEMO.stockLocation, address: { address_1: "Khreshchatyk 1", city: "Kyiv", country_code: "UA" } }] },
      })
    ).result[0]
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannelId] } })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
  }

  const [existingProfile] = await fulfillment.listShippingProfiles({ type: "default" })
  const profile =
    existingProfile ??
    (await createShippingProfilesWorkflow(container).run({ input: { data: [{ name: "Default Shipping Profile", type: "default" }] } })).result[0]

  let [set] = await fulfillment.listFulfillmentSets({ name: DEMO.fulfillmentSet }, { relations: ["service_zones"] })
  if (!set) {
    set = await fulfillment.createFulfillmentSets({
      name: DEMO.fulfillmentSet,
      type: "shipping",
      service_zones: [{ name: "Україна", geo_zones: [{ type: "country", country_code: "ua" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
    })
  }

  const [option] = await fulfillment.listShippingOptions({ name: DEMO.shippingOption })
  if (!option) {
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: DEMO.shippingOption,
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: set.service_zones[0].id,
          shipping_profile_id: profile.id,
          type: { label: "Nova Poshta", description: "1–3 days to a branch", code: "nova-poshta" },
          prices: [
            { currency_code: "uah", amount: DEMO.shipping },
            { region_id: regionId, amount: DEMO.shipping },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
  }
  return { stockLocationId: location.id, shippingProfileId: profile.id }
}

async function product(container: MedusaContainer, salesChannelId: string, stockLocationId: string, shippingProfileId: string): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let [found] = await container.resolve(Modules.PRODUCT).listProducts({ handle: DEMO.productHandle })
  if (!found) {
    found = (
      await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Вишиванка «Полтава»",
              subtitle: "Embroidered linen shirt",
              handle: DEMO.productHandle,
              description: "Лляна сорочка з ручною вишивкою. Linen shirt, hand embroidered in Poltava.",
              status: ProductStatus.PUBLISHED,
              shipping_profile_id: shippingProfileId,
              options: [{ title: "Розмір / Size", values: [...DEMO.sizes] }],
              variants: DEMO.sizes.map((size) => ({
                title: size,
                sku: `VYSH-${size}`,
                options: { "Розмір / Size": size },
                manage_inventory: true,
                prices: [{ currency_code: "uah", amount: DEMO.price }],
              })),
              sales_channels: [{ id: salesChannelId }],
            },
          ],
        },
      })
    ).result[0]
  }

  // stock for every size that has none at the warehouse yet
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id", "inventory_items.inventory.location_levels.location_id"],
    filters: { product_id: found.id },
  })
  const missing = variants.flatMap((v: any) =>
    (v.inventory_items ?? [])
      .filter((i: any) => !(i.inventory?.location_levels ?? []).some((l: any) => l.location_id === stockLocationId))
      .map((i: any) => ({ inventory_item_id: i.inventory_item_id as string, location_id: stockLocationId, stocked_quantity: DEMO.stockPerSize }))
  )
  if (missing.length) await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: missing } })
}

async function adminUser(container: MedusaContainer, email: string, password: string): Promise<void> {
  const [existing] = await container.resolve(Modules.USER).listUsers({ email })
  if (existing) return
  let roles: string[] = []
  if (FeatureFlag.isFeatureEnabled("rbac")) {
    const rbac = container.resolve(Modules.RBAC) as any
    roles = (await rbac.listRbacRoles({ id: "role_super_admin" })).map((r: { id: string }) => r.id)
  }
  const { result } = await createUsersWorkflow(container).run({
    input: { users: [{ email, first_name: "Demo", last_name: "Merchant", roles }] },
  })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`could not create the demo admin's login: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: result[0].id } })
}

async function publishableKey(container: MedusaContainer, salesChannelId: string): Promise<void> {
  const keys = await container.resolve(Modules.API_KEY).listApiKeys({ title: DEMO.publishableKey, type: "publishable" })
  if (keys.some((k) => !k.revoked_at)) return
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: DEMO.publishableKey, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: result[0].id, add: [salesChannelId] } })
}
