import { Migration } from '@mikro-orm/migrations';

export class Migration20261125180053_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_log\` (\`id\` text not null, \`created_at\` datetime not null, \`actor_id\` text null, \`actor_email\` text null, \`target_id\` text not null, \`target_email\` text null, \`action\` text not null, \`before\` json null, \`after\` json null, \`ip\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_log_created_at_index\` on \`audit_log\` (\`created_at\`);`);
    this.addSql(`create index \`audit_log_target_id_created_at_index\` on \`audit_log\` (\`target_id\`, \`created_at\`);`);

    this.addSql(`create table \`user\` (\`id\` text not null, \`name\` text null, \`email\` text null, \`email_verified\` datetime null, \`image\` text null, \`role\` text not null default 'user', \`name_search\` text null, \`created_at\` datetime not null, \`last_active_at\` datetime null, \`banned_at\` datetime null, \`ban_reason\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`user_email_unique\` on \`user\` (\`email\`);`);
    this.addSql(`create index \`user_name_search_index\` on \`user\` (\`name_search\`);`);
    this.addSql(`create index \`user_created_at_index\` on \`user\` (\`created_at\`);`);
    this.addSql(`create index \`user_role_created_at_index\` on \`user\` (\`role\`, \`created_at\`);`);

    this.addSql(`create table \`session\` (\`id\` text not null, \`user_id\` text not null, \`expires\` datetime not null, \`session_token\` text not null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`session_user_id_index\` on \`session\` (\`user_id\`);`);
    this.addSql(`create unique index \`session_session_token_unique\` on \`session\` (\`session_token\`);`);
    this.addSql(`create index \`session_user_id_expires_index\` on \`session\` (\`user_id\`, \`expires\`);`);

    this.addSql(`create table \`account\` (\`id\` text not null, \`user_id\` text not null, \`type\` text not null, \`provider\` text not null, \`provider_account_id\` text not null, \`refresh_token\` text null, \`access_token\` text null, \`expires_at\` integer null, \`token_type\` text null, \`scope\` text null, \`id_token\` text null, \`session_state\` text null, constraint \`account_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_user_id_index\` on \`account\` (\`user_id\`);`);
    this.addSql(`create index \`account_user_id_provider_index\` on \`account\` (\`user_id\`, \`provider\`);`);
    this.addSql(`create unique index \`account_provider_provider_account_id_unique\` on \`account\` (\`provider\`, \`provider_account_id\`);`);

    this.addSql(`create table \`verification_token\` (\`token\` text not null, \`expires\` datetime not null, \`identifier\` text not null, primary key (\`token\`));`);
    this.addSql(`create unique index \`verification_token_token_identifier_unique\` on \`verification_token\` (\`token\`, \`identifier\`);`);
  }

}
