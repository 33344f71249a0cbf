import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202093823 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_state_check";`);

    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "hold_operation_id" text null, add column if not exists "hold_expires_at" timestamptz null, add column if not exists "captured_coin_amount" numeric null, add column if not exists "raw_captured_coin_amount" jsonb null;`);
    this.addSql(`alter table if exists "alliancepay_bank_order" add constraint "alliancepay_bank_order_state_check" check("state" in ('creating', 'create_failed', 'pending', 'in_progress', 'authorized', 'captured', 'failed', 'expired', 'mismatch'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop constraint if exists "alliancepay_bank_order_state_check";`);

    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "hold_operation_id", drop column if exists "hold_expires_at", drop column if exists "captured_coin_amount", drop column if exists "raw_captured_coin_amount";`);

    this.addSql(`alter table if exists "alliancepay_bank_order" add constraint "alliancepay_bank_order_state_check" check("state" in ('creating', 'create_failed', 'pending', 'in_progress', 'captured', 'failed', 'expired', 'mismatch'));`);
  }

}
