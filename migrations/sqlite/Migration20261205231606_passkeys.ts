import { Migration } from '@mikro-orm/migrations';

export class Migration20261205231606_passkeys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`authenticator\` (\`id\` text not null, \`credential_id\` text not null, \`user_id\` text not null, \`account_id\` text not null, \`provider_account_id\` text not null, \`credential_public_key\` text not null, \`counter\` bigint not null, \`credential_device_type\` text not null, \`credential_backed_up\` integer not null, \`transports\` text null, \`name\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, constraint \`authenticator_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete cascade on update cascade, constraint \`authenticator_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`authenticator_credential_id_unique\` on \`authenticator\` (\`credential_id\`);`);
    this.addSql(`create index \`authenticator_user_id_index\` on \`authenticator\` (\`user_id\`);`);
    this.addSql(`create index \`authenticator_account_id_index\` on \`authenticator\` (\`account_id\`);`);
    this.addSql(`create index \`authenticator_user_id_created_at_index\` on \`authenticator\` (\`user_id\`, \`created_at\`);`);
  }

}
