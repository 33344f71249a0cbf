import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { BigNumber, MedusaError } from "@medusajs/framework/utils"
import { toKopecks } from "../../core/bank"

/** The cart's currency, if the provider takes it; else a 400 that says what to do. */
export function acceptCurrency(code: string, currencies: readonly string[]): string {
  const currency = (code ?? "").toLowerCase()
  if (!currencies.includes(currency)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Alliance Pay takes payments in ${currencies.map((c) => c.toUpperCase()).join(", ")} only; this cart is in ${currency.toUpperCase() || "no currency"}. Choose another payment method or a hryvnia region`
    )
  }
  return currency
}

/**
 * Medusa hands amounts over as numbers, strings, BigNumbers or raw values
 * (`refund.raw_amount` = `{ value, precision }` for refunds): normalised by its own BigNumber.
 */
export function medusaKopecks(amount: unknown): number {
  try {
    const kopecks = toKopecks(new BigNumber(amount as ConstructorParameters<typeof BigNumber>[0]))
    if (kopecks <= 0) throw new Error("the amount must be above zero")
    return kopecks
  } catch (e) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Alliance Pay: ${(e as Error).message}`)
  }
}

export interface CaptureBeingMade {
  kopecks: number
  /** the payment's other captures */
  earlierCaptures: number
}

/**
 * The capture Medusa is making: Medusa hands the provider only the capture's id (its idempotency
 * key), having written the capture before calling the provider. With how many captures the
 * payment already had.
 */
export async function captureBeingMade(pg: Knex, captureId: string | undefined): Promise<CaptureBeingMade | undefined> {
  if (!captureId) return undefined
  const row = await pg("capture").where({ id: captureId }).whereNull("deleted_at").first("raw_amount", "amount", "payment_id")
  if (!row) return undefined
  const [{ count }] = await pg("capture").where({ payment_id: row.payment_id }).whereNot({ id: captureId }).whereNull("deleted_at").count({ count: "*" })
  return { kopecks: medusaKopecks(row.raw_amount ?? row.amount), earlierCaptures: Number(count) }
}
