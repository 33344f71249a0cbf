import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127205147 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_refund" drop constraint if exists "alliancepay_bank_refund_merchant_request_id_unique";`);
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_hpp_order_id_unique";`);
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_merchant_request_id_unique";`);
    this.addSql(`create table if not exists "alliancepay_bank_order" ("id" text not null, "merchant_request_id" text not null, "hpp_order_id" text null, "provider_id" text not null, "payment_session_id" text not null, "cart_id" text null, "coin_amount" integer not null, "currency_code" text not null, "state" text check ("state" in ('creating', 'create_failed', 'pending', 'in_progress', 'captured', 'failed', 'expired', 'mismatch', 'superseded')) not null default 'creating', "bank_status" text null, "redirect_url" text null, "status_url" text null, "expires_at" timestamptz null, "purchase_operation_id" text null, "operations" jsonb null, "failure_reason" text null, "last_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_bank_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_merchant_request_id_unique" ON "alliancepay_bank_order" ("merchant_request_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_deleted_at" ON "alliancepay_bank_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_hpp_order_id_unique" ON "alliancepay_bank_order" ("hpp_order_id") WHERE hpp_order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_payment_session_id" ON "alliancepay_bank_order" ("payment_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_state" ON "alliancepay_bank_order" ("state") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "alliancepay_bank_refund" ("id" text not null, "merchant_request_id" text not null, "hpp_order_id" text not null, "bank_order_id" text not null, "refund_id" text null, "payment_id" text null, "coin_amount" integer not null, "state" text check ("state" in ('requested', 'pending', 'succeeded', 'failed', 'unknown')) not null default 'requested', "ecom_operation_id" text null, "error_details" text null, "last_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_bank_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_alliancepay_bank_refund_merchant_request_id_unique" ON "alliancepay_bank_refund" ("merchant_request_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_refund_deleted_at" ON "alliancepay_bank_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_refund_hpp_order_id" ON "alliancepay_bank_refund" ("hpp_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_refund_refund_id" ON "alliancepay_bank_refund" ("refund_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_refund_state" ON "alliancepay_bank_refund" ("state") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "alliancepay_device_session" ("id" text not null, "device_id" text null, "refresh_token" text null, "auth_token" text null, "server_public" jsonb null, "expires_at" timestamptz null, "obtained_at" timestamptz null, "last_error" text null, "last_error_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_device_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_device_session_deleted_at" ON "alliancepay_device_session" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alliancepay_bank_order" cascade;`);

    this.addSql(`drop table if exists "alliancepay_bank_refund" cascade;`);

    this.addSql(`drop table if exists "alliancepay_device_session" cascade;`);
  }

}
