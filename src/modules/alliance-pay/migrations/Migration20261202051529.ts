import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202051529 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_state_check";`);

    this.addSql(`alter table if exists "alliancepay_bank_refund" drop constraint if exists "alliancepay_bank_refund_state_check";`);

    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "detached_at" timestamptz null, add column if not exists "attention" text check ("attention" in ('paid_without_order', 'refunds_disagree')) null, add column if not exists "attention_at" timestamptz null, add column if not exists "auto_refund_at" timestamptz null, add column if not exists "resolved_at" timestamptz null, add column if not exists "history" jsonb null, add column if not exists "raw_coin_amount" jsonb null;`);
    this.addSql(`alter table if exists "alliancepay_bank_order" alter column "coin_amount" type numeric using ("coin_amount"::numeric);`);
    // hand-written: existing rows get their raw amount, and "superseded" becomes what it meant: the
    // bank order is detached from Medusa's session but still followed until the bank closes it
    this.addSql(`update "alliancepay_bank_order" set "raw_coin_amount" = jsonb_build_object('value', "coin_amount"::text, 'precision', 20) where "raw_coin_amount" is null;`);
    this.addSql(`alter table if exists "alliancepay_bank_order" alter column "raw_coin_amount" set not null;`);
    this.addSql(`update "alliancepay_bank_order" set "state" = 'pending', "detached_at" = coalesce("updated_at", now()), "next_check_at" = now() where "state" = 'superseded';`);
    this.addSql(`alter table if exists "alliancepay_bank_order" add constraint "alliancepay_bank_order_state_check" check("state" in ('creating', 'create_failed', 'pending', 'in_progress', 'captured', 'failed', 'expired', 'mismatch'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_cart_id" ON "alliancepay_bank_order" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_attention" ON "alliancepay_bank_order" ("attention") WHERE attention IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "alliancepay_bank_refund" add column if not exists "kind" text check ("kind" in ('bank', 'offline')) not null default 'bank', add column if not exists "credit_memo_id" text null, add column if not exists "awaiting_medusa" boolean not null default false, add column if not exists "note" text null, add column if not exists "raw_coin_amount" jsonb null;`);
    this.addSql(`alter table if exists "alliancepay_bank_refund" alter column "coin_amount" type numeric using ("coin_amount"::numeric);`);
    this.addSql(`update "alliancepay_bank_refund" set "raw_coin_amount" = jsonb_build_object('value', "coin_amount"::text, 'precision', 20) where "raw_coin_amount" is null;`);
    this.addSql(`alter table if exists "alliancepay_bank_refund" alter column "raw_coin_amount" set not null;`);
    this.addSql(`alter table if exists "alliancepay_bank_refund" add constraint "alliancepay_bank_refund_state_check" check("state" in ('requested', 'pending', 'succeeded', 'failed', 'unknown', 'recorded'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_state_check";`);

    this.addSql(`alter table if exists "alliancepay_bank_refund" drop constraint if exists "alliancepay_bank_refund_state_check";`);

    this.addSql(`update "alliancepay_bank_order" set "state" = 'superseded' where "detached_at" is not null and "state" in ('pending', 'in_progress');`);
    this.addSql(`drop index if exists "IDX_alliancepay_bank_order_cart_id";`);
    this.addSql(`drop index if exists "IDX_alliancepay_bank_order_attention";`);
    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "detached_at", drop column if exists "attention", drop column if exists "attention_at", drop column if exists "auto_refund_at", drop column if exists "resolved_at", drop column if exists "history", drop column if exists "raw_coin_amount";`);

    this.addSql(`alter table if exists "alliancepay_bank_order" alter column "coin_amount" type bigint using ("coin_amount"::bigint);`);
    this.addSql(`alter table if exists "alliancepay_bank_order" add constraint "alliancepay_bank_order_state_check" check("state" in ('creating', 'create_failed', 'pending', 'in_progress', 'captured', 'failed', 'expired', 'mismatch', 'superseded'));`);

    this.addSql(`alter table if exists "alliancepay_bank_refund" drop column if exists "kind", drop column if exists "credit_memo_id", drop column if exists "awaiting_medusa", drop column if exists "note", drop column if exists "raw_coin_amount";`);

    this.addSql(`alter table if exists "alliancepay_bank_refund" alter column "coin_amount" type bigint using ("coin_amount"::bigint);`);
    this.addSql(`alter table if exists "alliancepay_bank_refund" add constraint "alliancepay_bank_refund_state_check" check("state" in ('requested', 'pending', 'succeeded', 'failed', 'unknown'));`);
  }

}
