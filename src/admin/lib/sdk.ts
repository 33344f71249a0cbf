import Medusa from "@medusajs/js-sdk"

/** The admin's own session (cookie) authenticates our calls, as for the dashboard's. */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
