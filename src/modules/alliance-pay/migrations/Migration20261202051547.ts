import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202051547 extends Migration {

  override async up(): Promise<void> {
    // the plaintext device id and tokens go; with no sealed credentials the next bank call
    // authorizes a new device, which also ends the old session at the bank
    this.addSql(`alter table if exists "alliancepay_device_session" drop column if exists "device_id", drop column if exists "refresh_token", drop column if exists "auth_token";`);

    this.addSql(`alter table if exists "alliancepay_device_session" add column if not exists "sealed_credentials" text null;`);
  }

  override async down(): Promise<void> {
    // sealed credentials cannot go back into plaintext columns: the session is dropped and re-authorized
    this.addSql(`alter table if exists "alliancepay_device_session" drop column if exists "sealed_credentials";`);
    this.addSql(`alter table if exists "alliancepay_device_session" add column if not exists "device_id" text null, add column if not exists "refresh_token" text null, add column if not exists "auth_token" text null;`);
  }

}
