import { Migration } from '@mikro-orm/migrations';

export class Migration20261205224224_impersonation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_log" add column "impersonator_id" varchar(36) null;`);

    this.addSql(`alter table "session" add column "impersonator_id" varchar(36) null, add column "impersonator_session_id" varchar(36) null;`);
    this.addSql(`alter table "session" add constraint "session_impersonator_id_foreign" foreign key ("impersonator_id") references "user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_impersonator_session_id_foreign" foreign key ("impersonator_session_id") references "session" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "session_impersonator_id_index" on "session" ("impersonator_id");`);
    this.addSql(`create index "session_impersonator_session_id_index" on "session" ("impersonator_session_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_impersonator_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_impersonator_session_id_foreign";`);

    this.addSql(`alter table "audit_log" drop column "impersonator_id";`);

    this.addSql(`drop index "session_impersonator_id_index";`);
    this.addSql(`drop index "session_impersonator_session_id_index";`);
    this.addSql(`alter table "session" drop column "impersonator_id", drop column "impersonator_session_id";`);
  }

}
