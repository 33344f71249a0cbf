import { BigNumber, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { kopecksOfRecord } from "./refund-ledger"
import type { BankOrderRecord } from "./types"

/**
 * One UPDATE statement: the reconciler re-reads thousands of open orders, and the ORM's
 * load-assign-flush costs more CPU per order than the bank's answer takes to arrive.
 */
export async function writeBankOrder(
  pg: Knex,
  record: BankOrderRecord,
  fields: Partial<BankOrderRecord>,
  { onlyIfUnchanged = true } = {}
): Promise<BankOrderRecord | null> {
  const updatedAt = new Date()
  const row: Record<string, unknown> = { ...fields, updated_at: updatedAt }
  if ("operations" in fields) row.operations = JSON.stringify(fields.operations ?? null)
  if ("history" in fields) row.history = JSON.stringify(fields.history ?? null)
  // only over the state we decided from: a concurrent change (e.g. the session's amount
  // changed and this order was detached) is never overwritten with an older reading
  const where = onlyIfUnchanged ? { id: record.id, state: record.state } : { id: record.id }
  const count = await pg("alliancepay_bank_order").where(where).update(row)
  return count ? ({ ...record, ...fields, updated_at: updatedAt } as BankOrderRecord) : null
}

/**
 * Claims up to `limit` bank orders that are due for a re-read, for `leaseMs`: several
 * workers running the reconciler at once each get different orders (SKIP LOCKED), and an
 * order whose worker died becomes due again when the lease ends.
 */
export async function claimDueBankOrders(pg: Knex, limit: number, leaseMs: number, dueBy: Date = new Date()): Promise<BankOrderRecord[]> {
  const { rows } = await pg.raw(
    `with due as materialized (
       select id from alliancepay_bank_order
        where next_check_at <= ? and deleted_at is null and hpp_order_id is not null
        order by next_check_at
        limit ? for update skip locked)
     update alliancepay_bank_order o
        set next_check_at = now() + (? * interval '1 millisecond')
       from due where o.id = due.id
     returning o.*`,
    [dueBy, limit, leaseMs]
  )
  return (rows as BankOrderRecord[]).map((row) => ({ ...row, coin_amount: kopecksOfRecord(row.coin_amount) }))
}

export type NewBankOrder = Pick<BankOrderRecord, "merchant_request_id" | "provider_id" | "payment_session_id" | "cart_id" | "currency_code" | "hold_expires_at"> & {
  coin_amount: number
}

/**
 * The row written before create-order is sent: one INSERT on the shopper's path to the bank (the ORM's
 * create runs a transaction of its own and costs more CPU than the bank's answer takes to arrive).
 */
export async function insertBankOrder(pg: Knex, fields: NewBankOrder): Promise<BankOrderRecord> {
  const [row] = await pg("alliancepay_bank_order")
    .insert({
      ...fields,
      id: generateEntityId(undefined, "apord"),
      state: "creating",
      raw_coin_amount: rawKopecks(fields.coin_amount),
    })
    .returning("*")
  return { ...row, coin_amount: kopecksOfRecord(row.coin_amount) } as BankOrderRecord
}

/** The session's latest bank order that is at the bank or paid: the only one a retry may reuse. */
const LATEST_LIVE = `
  select * from alliancepay_bank_order
   where payment_session_id = :sessionId and deleted_at is null and detached_at is null
     and state in ('pending', 'in_progress', 'authorized', 'captured')
   order by created_at desc limit 1`

/**
 * The bank order a payment session pays with, in one statement on the shopper's path to the bank: the one the session
 * already has at the bank for this amount and currency (a retry), else a new row in `creating`, written before
 * create-order is sent. Its cart is recorded with the bank's answer (the provider reads the cart meanwhile).
 */
export async function claimSessionRow(
  pg: Knex,
  fields: Omit<NewBankOrder, "cart_id">
): Promise<{ record: BankOrderRecord; reused: boolean }> {
  const { rows } = await pg.raw(
    `with latest as (${LATEST_LIVE}),
     reusable as (
       select * from latest where coin_amount = :coinAmount and currency_code = :currency and hpp_order_id is not null),
     inserted as (
       insert into alliancepay_bank_order
         (id, merchant_request_id, provider_id, payment_session_id, coin_amount, raw_coin_amount, currency_code, hold_expires_at, state)
       select cast(:id as text), cast(:merchantRequestId as text), cast(:providerId as text), cast(:sessionId as text),
              cast(:coinAmount as numeric), cast(:rawCoinAmount as jsonb), cast(:currency as text), cast(:holdExpiresAt as timestamptz), 'creating'
        where not exists (select 1 from reusable)
       returning *)
     select true as reused, * from reusable
     union all
     select false as reused, * from inserted`,
    {
      id: generateEntityId(undefined, "apord"),
      merchantRequestId: fields.merchant_request_id,
      providerId: fields.provider_id,
      sessionId: fields.payment_session_id,
      coinAmount: fields.coin_amount,
      rawCoinAmount: rawKopecks(fields.coin_amount),
      currency: fields.currency_code,
      holdExpiresAt: fields.hold_expires_at ?? null,
    }
  )
  const { reused, ...row } = rows[0] as BankOrderRecord & { reused: boolean }
  return { record: { ...row, coin_amount: kopecksOfRecord(row.coin_amount) } as BankOrderRecord, reused }
}

/** the ORM's two columns of a bigNumber: numeric for queries, the exact value as Medusa's BigNumber writes it */
function rawKopecks(coinAmount: number): string {
  return JSON.stringify(new BigNumber(coinAmount).raw)
}
