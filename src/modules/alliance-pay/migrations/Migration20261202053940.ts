import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202053940 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "read_started_at" timestamptz null, add column if not exists "read_finished_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "read_started_at", drop column if exists "read_finished_at";`);
  }

}
