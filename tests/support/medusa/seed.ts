import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
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
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

/**
 * Prices of the seeded store, in major units (hryvnias), as Medusa v2 stores them.
 * Kopecks on purpose: the bank works in kopecks, so every later test crosses that boundary.
 */
export const SEED_PRICES = {
  /** price of one unit of the seeded variant */
  variant: 1250.5,
  /** flat price of the seeded shipping option */
  shipping: 99.99,
} as const

export type SeededStore = {
  storeId: string
  salesChannelId: string
  /** send as `x-publishable-api-key` on every /store request */
  publishableKey: string
  publishableKeyId: string
  regionId: string
  currencyCode: "uah"
  countryCode: "ua"
  stockLocationId: string
  shippingProfileId: string
  fulfillmentSetId: string
  serviceZoneId: string
  shippingOptionId: string
  productId: string
  variantId: string
  inventoryItemId: string
  stockedQuantity: number
  prices: typeof SEED_PRICES
}

export type SeedStoreOptions = {
  /** payment providers enabled in the UAH region (default: the system provider only) */
  paymentProviders?: string[]
  /** units in stock of the seeded variant (default 100) */
  stockedQuantity?: number
}

/**
 * Everything a shopper needs to reach checkout through the Store API: a sales channel with a
 * publishable key, a Ukrainian region in UAH, a warehouse that ships to Ukraine at a flat rate, and
 * one published product whose single variant is priced in UAH and in stock.
 *
 * Built only with Medusa's own workflows, like the seed script `create-medusa-app` ships.
 * Call it in a `beforeAll` inside `testSuite`: the runner snapshots the database after the suite's
 * `beforeAll` hooks and restores that snapshot before every test, so each test starts seeded.
 */
export async function seedStore(container: MedusaContainer, options: SeedStoreOptions = {}): Promise<SeededStore> {
  const paymentProviders = options.paymentProviders ?? ["pp_system_default"]
  const stockedQuantity = options.stockedQuantity ?? 100
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)

  // the store and its default sales channel exist already: Medusa's boot runs createDefaultsWorkflow
  const [store] = await storeModule.listStores({}, { take: 1 })

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Alliance Pay test shop", description: "integration tests" }] },
  })

  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Alliance Pay test storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: "Ukraine", currency_code: "uah", countries: ["ua"], payment_providers: paymentProviders },
      ],
    },
  })
  // no default rate: totals are exactly items + shipping, which keeps amount assertions readable
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "ua", provider_id: "tp_system" }] })

  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: "uah", is_default: true }],
        default_sales_channel_id: salesChannel.id,
        default_region_id: region.id,
      },
    },
  })

  const {
    result: [stockLocation],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [{ name: "Kyiv warehouse", address: { address_1: "Khreshchatyk 1", city: "Kyiv", country_code: "UA" } }],
    },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: stockLocation.id, add: [salesChannel.id] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const [existingProfile] = await fulfillment.listShippingProfiles({ type: "default" })
  const shippingProfile =
    existingProfile ??
    (
      await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
      })
    ).result[0]

  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Kyiv warehouse delivery",
    type: "shipping",
    service_zones: [{ name: "Ukraine", geo_zones: [{ type: "country", country_code: "ua" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const serviceZoneId = fulfillmentSet.service_zones[0].id

  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Nova Poshta (flat)",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: serviceZoneId,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Standard", description: "2-3 days", code: "standard" },
        prices: [
          { currency_code: "uah", amount: SEED_PRICES.shipping },
          { region_id: region.id, amount: SEED_PRICES.shipping },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Vyshyvanka",
          handle: "vyshyvanka",
          description: "Embroidered linen shirt",
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: shippingProfile.id,
          options: [{ title: "Size", values: ["M"] }],
          variants: [
            {
              title: "M",
              sku: "VYSH-M",
              options: { Size: "M" },
              manage_inventory: true,
              prices: [{ currency_code: "uah", amount: SEED_PRICES.variant }],
            },
          ],
          sales_channels: [{ id: salesChannel.id }],
        },
      ],
    },
  })
  const variantId = product.variants[0].id

  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { id: variantId },
  })
  const inventoryItemId = variants[0]?.inventory_items?.[0]?.inventory_item_id
  if (!inventoryItemId) throw new Error(`seedStore: variant ${variantId} got no inventory item`)
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        { inventory_item_id: inventoryItemId, location_id: stockLocation.id, stocked_quantity: stockedQuantity },
      ],
    },
  })

  return {
    storeId: store.id,
    salesChannelId: salesChannel.id,
    publishableKey: apiKey.token,
    publishableKeyId: apiKey.id,
    regionId: region.id,
    currencyCode: "uah",
    countryCode: "ua",
    stockLocationId: stockLocation.id,
    shippingProfileId: shippingProfile.id,
    fulfillmentSetId: fulfillmentSet.id,
    serviceZoneId,
    shippingOptionId: shippingOption.id,
    productId: product.id,
    variantId,
    inventoryItemId,
    stockedQuantity,
    prices: SEED_PRICES,
  }
}
