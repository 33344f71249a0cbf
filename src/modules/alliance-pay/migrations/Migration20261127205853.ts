import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127205853 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "next_check_at" timestamptz null, add column if not exists "check_count" integer not null default 0;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_bank_order_next_check_at" ON "alliancepay_bank_order" ("next_check_at") WHERE next_check_at IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_alliancepay_bank_order_next_check_at";`);
    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "next_check_at", drop column if exists "check_count";`);
  }

}
