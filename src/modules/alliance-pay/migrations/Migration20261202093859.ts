import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202093859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "alliancepay_activity" ("id" text not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "hpp_order_id" text null, "outcome" text not null, "checked" integer not null default 0, "changed" integer not null default 0, "failed" integer not null default 0, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "alliancepay_activity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_alliancepay_activity_deleted_at" ON "alliancepay_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alliancepay_activity" cascade;`);
  }

}
