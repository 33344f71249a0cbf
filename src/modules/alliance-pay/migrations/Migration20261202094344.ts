import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202094344 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" add column if not exists "nbu_qr_url" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "alliancepay_bank_order" drop column if exists "nbu_qr_url";`);
  }

}
