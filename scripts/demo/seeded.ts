import { query } from "./postgres"
import { DEMO } from "./store-data"

/**
 * The demo storefront's publishable key, if the database has been seeded (the seed creates it last,
 * so its presence means the whole demo store is there).
 */
export async function findPublishableKey(databaseUrl: string): Promise<string | undefined> {
  const rows = await query<{ token: string }>(
    databaseUrl,
    `select token from api_key
      where title = $1 and type = 'publishable' and revoked_at is null and deleted_at is null
      order by created_at limit 1`,
    [DEMO.publishableKey]
  )
  return rows[0]?.token
}
