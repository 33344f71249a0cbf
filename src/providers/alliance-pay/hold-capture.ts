import { MedusaError } from "@medusajs/framework/utils"
import { fromKopecks } from "../../core/bank"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"
import type { CaptureBeingMade } from "./amounts"

const money = (record: BankOrderRecord, kopecks: number) => `${fromKopecks(kopecks)} ${record.currency_code.toUpperCase()}`

/**
 * A Capture of a hold the bank has already completed. The bank completes a hold once; if Medusa
 * has no capture of it yet (the answer to an earlier Capture was lost), a Capture of exactly what
 * the bank took records it (null: let it through). Anything else is refused, saying why.
 */
export function recaptureRefusal(record: BankOrderRecord, asked: CaptureBeingMade): MedusaError | null {
  const taken = Number(record.captured_coin_amount ?? record.coin_amount)
  if (asked.earlierCaptures === 0 && asked.kopecks === taken) return null
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    asked.earlierCaptures === 0
      ? `Alliance Pay: the bank already completed this card hold for ${money(record, taken)} (bank order ${record.hpp_order_id}); capture exactly ${money(record, taken)} to record it in Medusa`
      : `Alliance Pay: the bank completes a card hold once, and this one was already captured for ${money(record, taken)} (bank order ${record.hpp_order_id}); the rest of the hold went back to the shopper. Nothing more can be captured`
  )
}

/** What a cancel of a held payment means for the money, for the bank order's history. */
export function holdCancelNote(record: BankOrderRecord): string {
  const until = record.hold_expires_at ? new Date(record.hold_expires_at).toISOString() : "the end of the hold"
  return `canceled in Medusa while the card was held: the bank offers no way to release a hold early, so ${money(record, Number(record.coin_amount))} stay blocked on the shopper's card until ${until}, when the bank releases them; nothing is charged`
}
