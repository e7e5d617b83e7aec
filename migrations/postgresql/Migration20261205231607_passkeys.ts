import { Migration } from '@mikro-orm/migrations';

export class Migration20261205231607_passkeys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "authenticator" ("id" varchar(36) not null, "credential_id" varchar(255) not null, "user_id" varchar(36) not null, "account_id" varchar(36) not null, "provider_account_id" varchar(255) not null, "credential_public_key" text not null, "counter" bigint not null, "credential_device_type" varchar(32) not null, "credential_backed_up" boolean not null, "transports" varchar(255) null, "name" varchar(100) not null, "created_at" timestamptz(3) not null, "last_used_at" timestamptz(3) null, constraint "authenticator_pkey" primary key ("id"));`);
    this.addSql(`alter table "authenticator" add constraint "authenticator_credential_id_unique" unique ("credential_id");`);
    this.addSql(`create index "authenticator_user_id_created_at_index" on "authenticator" ("user_id", "created_at");`);

    this.addSql(`alter table "authenticator" add constraint "authenticator_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authenticator" add constraint "authenticator_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "authenticator" cascade;`);
  }

}
