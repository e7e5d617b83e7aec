import { Migration } from '@mikro-orm/migrations';

/** Millisecond datetimes everywhere, as on MySQL (PostgreSQL kept them already; this matches the entities). */
export class Migration20261126084825_datetime_milliseconds extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user" alter column "email_verified" type timestamptz(3) using ("email_verified"::timestamptz(3));`);
    this.addSql(`alter table "user" alter column "last_active_at" type timestamptz(3) using ("last_active_at"::timestamptz(3));`);
    this.addSql(`alter table "user" alter column "banned_at" type timestamptz(3) using ("banned_at"::timestamptz(3));`);

    this.addSql(`alter table "session" alter column "expires" type timestamptz(3) using ("expires"::timestamptz(3));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" alter column "expires" type timestamptz(6) using ("expires"::timestamptz(6));`);

    this.addSql(`alter table "user" alter column "email_verified" type timestamptz(6) using ("email_verified"::timestamptz(6));`);
    this.addSql(`alter table "user" alter column "last_active_at" type timestamptz(6) using ("last_active_at"::timestamptz(6));`);
    this.addSql(`alter table "user" alter column "banned_at" type timestamptz(6) using ("banned_at"::timestamptz(6));`);
  }

}
