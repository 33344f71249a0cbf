/** What the demo seed creates, by name: the seed finds its own pieces by these on later runs. */
export const DEMO = {
  salesChannel: "Alliance Pay demo shop",
  publishableKey: "Alliance Pay demo storefront",
  region: "Україна",
  stockLocation: "Kyiv warehouse",
  fulfillmentSet: "Kyiv warehouse delivery",
  shippingOption: "Nova Poshta",
  productHandle: "vyshyvanka",
  paymentProviders: ["pp_alliancepay_alliancepay", "pp_alliancepay_a2a", "pp_system_default"],
  sizes: ["S", "M", "L", "XL"],
  /** hryvnias; with shipping, a cart's kopecks never hit the test terminal's .04/.05/.06 outcome rule */
  price: 1250.5,
  shipping: 99.99,
  stockPerSize: 50,
} as const
