import { Migration } from '@mikro-orm/migrations';

export class Migration20261205215220_session_sign_in_method extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "session" add column "method" varchar(64) null, add column "account_id" varchar(36) null;`);
    this.addSql(`alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_account_id_foreign";`);

    this.addSql(`drop index "session_account_id_index";`);
    this.addSql(`alter table "session" drop column "method", drop column "account_id";`);
  }

}
