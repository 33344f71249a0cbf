import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127212206 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "alliancepay_credit_memo" ("id" text not null, "order_id" text not null, "payment_id" text not null, "currency_code" text not null, "mode" text check ("mode" in ('online', 'offline')) not null, "status" text check ("status" in ('pending', 'refunded', 'failed')) not null default 'pending', "shipping_amount" numeric not null, "adjustment_refund" numeric not null, "adjustment_fee" numeric not null, "total" numeric not null, "refund_reason_id" text null, "note" text null, "created_by" text null, "bank_refund_id" text null, "medusa_refund_id" text null, "failure_reason" text null, "warning" text null, "raw_shipping_amount" jsonb not null, "raw_adjustment_refund" jsonb not null, "raw_adjustment_fee" jsonb not null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_credit_memo_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_credit_memo_deleted_at" ON "alliancepay_credit_memo" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_credit_memo_order_id" ON "alliancepay_credit_memo" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_credit_memo_bank_refund_id" ON "alliancepay_credit_memo" ("bank_refund_id") WHERE bank_refund_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "alliancepay_credit_memo_line" ("id" text not null, "credit_memo_id" text not null, "item_id" text not null, "title" text not null, "quantity" integer not null, "unit_amount" numeric not null, "amount" numeric not null, "raw_unit_amount" jsonb not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_credit_memo_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_credit_memo_line_credit_memo_id" ON "alliancepay_credit_memo_line" ("credit_memo_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_credit_memo_line_deleted_at" ON "alliancepay_credit_memo_line" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "alliancepay_credit_memo_line" add constraint "alliancepay_credit_memo_line_credit_memo_id_foreign" foreign key ("credit_memo_id") references "alliancepay_credit_memo" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_credit_memo_line" drop constraint if exists "alliancepay_credit_memo_line_credit_memo_id_foreign";`);

    this.addSql(`drop table if exists "alliancepay_credit_memo" cascade;`);

    this.addSql(`drop table if exists "alliancepay_credit_memo_line" cascade;`);
  }

}
