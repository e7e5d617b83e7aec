import { Migration } from '@mikro-orm/migrations';

export class Migration20261125180053_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" varchar(36) not null, "created_at" timestamptz(3) not null, "actor_id" varchar(36) null, "actor_email" varchar(255) null, "target_id" varchar(36) not null, "target_email" varchar(255) null, "action" varchar(32) not null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null, constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_created_at_index" on "audit_log" ("created_at");`);
    this.addSql(`create index "audit_log_target_id_created_at_index" on "audit_log" ("target_id", "created_at");`);

    // Edited by hand: "email" and "name_search" use byte-order ("C") collation so
    // their btree indexes serve the admin page's prefix search (LIKE 'abc%'),
    // which a locale collation cannot. MikroORM does not model collations: a
    // later migration that changes these columns' type must keep the clause.
    this.addSql(`create table "user" ("id" varchar(36) not null, "name" varchar(255) null, "email" varchar(255) collate "C" null, "email_verified" timestamptz null, "image" varchar(2048) null, "role" varchar(32) not null default 'user', "name_search" varchar(255) collate "C" null, "created_at" timestamptz(3) not null, "last_active_at" timestamptz null, "banned_at" timestamptz null, "ban_reason" varchar(500) null, constraint "user_pkey" primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);
    this.addSql(`create index "user_name_search_index" on "user" ("name_search");`);
    this.addSql(`create index "user_created_at_index" on "user" ("created_at");`);
    this.addSql(`create index "user_role_created_at_index" on "user" ("role", "created_at");`);

    this.addSql(`create table "session" ("id" varchar(36) not null, "user_id" varchar(36) not null, "expires" timestamptz not null, "session_token" varchar(255) not null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_session_token_unique" unique ("session_token");`);
    this.addSql(`create index "session_user_id_expires_index" on "session" ("user_id", "expires");`);

    this.addSql(`create table "account" ("id" varchar(36) not null, "user_id" varchar(36) not null, "type" varchar(255) not null, "provider" varchar(255) not null, "provider_account_id" varchar(255) not null, "refresh_token" text null, "access_token" text null, "expires_at" int null, "token_type" varchar(255) null, "scope" varchar(1024) null, "id_token" text null, "session_state" varchar(255) null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_user_id_provider_index" on "account" ("user_id", "provider");`);
    this.addSql(`alter table "account" add constraint "account_provider_provider_account_id_unique" unique ("provider", "provider_account_id");`);

    this.addSql(`create table "verification_token" ("token" varchar(255) not null, "expires" timestamptz not null, "identifier" varchar(255) not null, constraint "verification_token_pkey" primary key ("token"));`);
    this.addSql(`alter table "verification_token" add constraint "verification_token_token_identifier_unique" unique ("token", "identifier");`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account" add constraint "account_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "verification_token" cascade;`);
  }

}
