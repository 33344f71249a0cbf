import { BigNumber } from "@medusajs/framework/utils"
import type { Logger, ProviderWebhookPayload, WebhookActionResult } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AlliancePayError, fromKopecks } from "../../core/bank"
import type AlliancePayModuleService from "../../modules/alliance-pay/service"
import type { CallbackOutcome } from "../../modules/alliance-pay/activity"
import type { BankOrderRecord } from "../../modules/alliance-pay/types"
import { findByBankIds } from "./bank-order-lookup"
import { medusaCarriesPayment } from "./medusa-carries"
import { WEBHOOK_ACTION } from "./medusa-status"

export interface CallbackDeps {
  module: AlliancePayModuleService
  logger: Logger
  /** Medusa's database, to see whether Medusa already has the payment (medusa-carries.ts) */
  pg: Knex
}

/** A bank order id as a stranger sent it, safe for one log line. */
const loggable = (id: string | undefined) => (id ?? "").replace(/[^\w-]/g, "?").slice(0, 64)

/**
 * A callback only names a bank order. We find it among our own records, re-read it from the bank
 * (at most once per window, see the module's read-throttle.ts), and answer from that: the body's
 * status, amount and session id are never used.
 */
export async function webhookActionOf({ module, logger, pg }: CallbackDeps, payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
  const receivedAt = new Date()
  // Settings → Alliance Pay shows the last callback and what became of it (one upsert that never throws)
  const note = (outcome: CallbackOutcome, hppOrderId?: string | null) => module.noteCallback({ outcome, hppOrderId, at: receivedAt })
  let record: BankOrderRecord | undefined
  let claimedId: string | undefined
  try {
    const raw = payload.rawData
    const body = typeof raw === "string" || (raw && typeof raw === "object" && "byteLength" in raw) ? raw : payload.data
    const callback = await module.bank.decodeCallback(body as string | Uint8Array | Record<string, unknown>)
    claimedId = callback.hppOrderId
    record = await findByBankIds(module, callback.hppOrderId, callback.merchantRequestId ?? undefined)
  } catch (e) {
    logger.warn(`Alliance Pay: ignored a callback that could not be read${claimedId ? ` (it names bank order ${loggable(claimedId)})` : ""}: ${(e as Error).message}`)
    return { action: "not_supported" }
  }
  if (!record) {
    logger.warn(`Alliance Pay: ignored a callback about a bank order we did not create (${loggable(claimedId)})`)
    return { action: "not_supported" }
  }
  let synced: BankOrderRecord
  try {
    // from here on a new callback queues its own event (the API's callback-queue.ts): this one may already have read the bank
    await module.releaseCallbackQueue({ id: record.id })
    synced = await module.readBankOrderWhenNeeded(record.id)
  } catch (e) {
    if (e instanceof AlliancePayError && (e.kind === "transient" || e.kind === "timeout" || e.kind === "session")) {
      await note("retry", record.hpp_order_id)
      throw e // Medusa retries the webhook event; the bank may answer next time
    }
    logger.warn(`Alliance Pay: a callback for ${record.hpp_order_id} could not be verified: ${(e as Error).message}`)
    await note("unverified", record.hpp_order_id)
    return { action: "not_supported" }
  }
  await note("verified", synced.hpp_order_id)
  // a detached bank order is no longer this session's payment: the reconciler deals with it
  // a completed hold is captured in Medusa by the admin's Capture itself, for the amount taken: a
  // "captured" action here would make Medusa capture the whole hold
  const completedHold = synced.state === "captured" && !!synced.hold_operation_id
  const action = synced.detached_at || completedHold ? "not_supported" : WEBHOOK_ACTION[synced.state]
  if (action === "captured" || action === "authorized") {
    // a failed look is "not yet": Medusa's own workflow then decides, as it would without this check
    const carried = await medusaCarriesPayment(pg, synced.payment_session_id, { captured: action === "captured" }).catch(() => false)
    if (carried) return { action: "not_supported" } // without a session id Medusa's subscriber starts no workflow
  }
  return { action, data: { session_id: synced.payment_session_id, amount: new BigNumber(fromKopecks(Number(synced.coin_amount))) } }
}
