import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101316_rate_limits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit" ("limit_key" varchar(191) not null, "window_start" timestamptz(3) not null, "count" int not null, constraint "rate_limit_pkey" primary key ("limit_key"));`);
    this.addSql(`create index "rate_limit_window_start_index" on "rate_limit" ("window_start");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit" cascade;`);
  }

}
