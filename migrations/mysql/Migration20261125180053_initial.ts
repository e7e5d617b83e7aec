import { Migration } from '@mikro-orm/migrations';

export class Migration20261125180053_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_log\` (\`id\` varchar(36) not null, \`created_at\` datetime(3) not null, \`actor_id\` varchar(36) null, \`actor_email\` varchar(255) null, \`target_id\` varchar(36) not null, \`target_email\` varchar(255) null, \`action\` varchar(32) not null, \`before\` json null, \`after\` json null, \`ip\` varchar(64) null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`audit_log\` add index \`audit_log_created_at_index\`(\`created_at\`);`);
    this.addSql(`alter table \`audit_log\` add index \`audit_log_target_id_created_at_index\`(\`target_id\`, \`created_at\`);`);

    this.addSql(`create table \`user\` (\`id\` varchar(36) not null, \`name\` varchar(255) null, \`email\` varchar(255) null, \`email_verified\` datetime null, \`image\` varchar(2048) null, \`role\` varchar(32) not null default 'user', \`name_search\` varchar(255) null, \`created_at\` datetime(3) not null, \`last_active_at\` datetime null, \`banned_at\` datetime null, \`ban_reason\` varchar(500) null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`user\` add unique \`user_email_unique\`(\`email\`);`);
    this.addSql(`alter table \`user\` add index \`user_name_search_index\`(\`name_search\`);`);
    this.addSql(`alter table \`user\` add index \`user_created_at_index\`(\`created_at\`);`);
    this.addSql(`alter table \`user\` add index \`user_role_created_at_index\`(\`role\`, \`created_at\`);`);

    this.addSql(`create table \`session\` (\`id\` varchar(36) not null, \`user_id\` varchar(36) not null, \`expires\` datetime not null, \`session_token\` varchar(255) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`session\` add index \`session_user_id_index\`(\`user_id\`);`);
    this.addSql(`alter table \`session\` add unique \`session_session_token_unique\`(\`session_token\`);`);
    this.addSql(`alter table \`session\` add index \`session_user_id_expires_index\`(\`user_id\`, \`expires\`);`);

    this.addSql(`create table \`account\` (\`id\` varchar(36) not null, \`user_id\` varchar(36) not null, \`type\` varchar(255) not null, \`provider\` varchar(255) not null, \`provider_account_id\` varchar(255) not null, \`refresh_token\` text null, \`access_token\` text null, \`expires_at\` int null, \`token_type\` varchar(255) null, \`scope\` varchar(1024) null, \`id_token\` text null, \`session_state\` varchar(255) null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`account\` add index \`account_user_id_index\`(\`user_id\`);`);
    this.addSql(`alter table \`account\` add index \`account_user_id_provider_index\`(\`user_id\`, \`provider\`);`);
    this.addSql(`alter table \`account\` add unique \`account_provider_provider_account_id_unique\`(\`provider\`, \`provider_account_id\`);`);

    this.addSql(`create table \`verification_token\` (\`token\` varchar(255) not null, \`expires\` datetime not null, \`identifier\` varchar(255) not null, primary key (\`token\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`verification_token\` add unique \`verification_token_token_identifier_unique\`(\`token\`, \`identifier\`);`);

    this.addSql(`alter table \`session\` add constraint \`session_user_id_foreign\` foreign key (\`user_id\`) references \`user\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`account\` add constraint \`account_user_id_foreign\` foreign key (\`user_id\`) references \`user\` (\`id\`) on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`session\` drop foreign key \`session_user_id_foreign\`;`);

    this.addSql(`alter table \`account\` drop foreign key \`account_user_id_foreign\`;`);

    this.addSql(`drop table if exists \`audit_log\`;`);

    this.addSql(`drop table if exists \`user\`;`);

    this.addSql(`drop table if exists \`session\`;`);

    this.addSql(`drop table if exists \`account\`;`);

    this.addSql(`drop table if exists \`verification_token\`;`);
  }

}
