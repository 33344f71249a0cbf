import { model } from "@medusajs/framework/utils"

/**
 * What the plugin last did in the background, for Settings → Alliance Pay: one row per kind
 * ("callback": the last callback received; "reconcile": the reconciler's last run). Medusa has
 * no place for either; each is one upsert, overwritten by the next.
 */
export const Activity = model.define("alliancepay_activity", {
  /** "callback" | "reconcile" */
  id: model.text().primaryKey(),
  /** a callback: when it was received; a run: when it started */
  started_at: model.dateTime(),
  /** a run: when it finished (null for a callback) */
  finished_at: model.dateTime().nullable(),
  /** a callback: the bank order it named (as the bank, or a forger, claimed it when unknown) */
  hpp_order_id: model.text().nullable(),
  /** a callback: verified | unverified | retry; a run: completed | failed */
  outcome: model.text(),
  /** a run: bank orders re-read, of them changed, failed */
  checked: model.number().default(0),
  changed: model.number().default(0),
  failed: model.number().default(0),
  /** a run that failed as a whole: why (never a secret: the bank's code and text, or our message) */
  error: model.text().nullable(),
})
