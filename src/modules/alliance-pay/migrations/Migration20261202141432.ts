import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202141432 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "callback_queued_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "callback_queued_at";`);
  }

}
