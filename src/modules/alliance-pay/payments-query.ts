import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** What the payments page filters by. Dates bound created_at; `q` matches our id, the bank's, the cart or the payment session. */
export interface PaymentsFilter {
  q?: string
  state?: string[]
  needs_attention?: boolean
  from?: Date
  to?: Date
  limit: number
  offset: number
}

export type AttentionReason = "paid_without_order" | "refunds_disagree" | "refund_outcome" | "stuck_pending"

/**
 * Why a bank order needs a human, in SQL, so that the count in the menu and the filter agree:
 * a flag the reconciler set; a refund whose outcome is unknown, or that the bank declined after
 * Medusa recorded it; a payment still open past its link's expiry and the grace period. What a
 * merchant marked resolved is not counted again until something new happens.
 */
function attentionSql(pg: Knex, graceMs: number) {
  const stuck = pg.raw(
    `(o.state in ('pending', 'in_progress') and o.expires_at is not null
      and o.expires_at + (? * interval '1 millisecond') < now() and (o.resolved_at is null or o.resolved_at < o.expires_at))`,
    [graceMs]
  )
  const refundOutcome = `exists (select 1 from alliancepay_bank_refund r
      where r.bank_order_id = o.id and r.deleted_at is null
        and (r.state = 'unknown' or (r.state = 'failed' and r.refund_id is not null))
        and (o.resolved_at is null or o.resolved_at < r.updated_at))`
  return {
    any: pg.raw(`(o.attention is not null or ${refundOutcome} or ?)`, [stuck]),
    stuck,
    refundOutcome: pg.raw(refundOutcome),
  }
}

/** One page of bank orders, newest first, with the reasons each needs attention. */
export async function listPayments(pg: Knex, graceMs: number, filter: PaymentsFilter) {
  const attention = attentionSql(pg, graceMs)
  const base = pg("alliancepay_bank_order as o").whereNull("o.deleted_at")
  if (filter.q) {
    const q = filter.q.trim()
    base.where((w) => w.where("o.hpp_order_id", q).orWhere("o.id", q).orWhere("o.cart_id", q).orWhere("o.payment_session_id", q).orWhere("o.merchant_request_id", q))
  }
  if (filter.state?.length) base.whereIn("o.state", filter.state)
  if (filter.from) base.where("o.created_at", ">=", filter.from)
  if (filter.to) base.where("o.created_at", "<", filter.to)
  if (filter.needs_attention) base.whereRaw("?", [attention.any])
  const [{ count }] = await base.clone().count<{ count: string }[]>("* as count")
  const rows = await base
    .clone()
    .select("o.*", pg.raw("? as stuck_pending", [attention.stuck]), pg.raw("? as refund_outcome", [attention.refundOutcome]))
    .orderBy("o.created_at", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- knex rows of alliancepay_bank_order plus the computed columns
  return { rows: rows as Record<string, any>[], count: Number(count) }
}

export async function countNeedingAttention(pg: Knex, graceMs: number): Promise<number> {
  const [{ count }] = await pg("alliancepay_bank_order as o").whereNull("o.deleted_at").whereRaw("?", [attentionSql(pg, graceMs).any]).count<{ count: string }[]>("* as count")
  return Number(count)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one of the rows above
export function reasonsOf(row: Record<string, any>): AttentionReason[] {
  const reasons: AttentionReason[] = []
  if (row.attention) reasons.push(row.attention)
  if (row.refund_outcome) reasons.push("refund_outcome")
  if (row.stuck_pending) reasons.push("stuck_pending")
  return reasons
}
