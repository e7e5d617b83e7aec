import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104314_timed_bans extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user" add column "banned_until" timestamptz(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "user" drop column "banned_until";`);
  }

}
