import { Migration } from '@mikro-orm/migrations';

export class Migration20261205215221_session_sign_in_method extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`session\` add \`method\` varchar(64) null, add \`account_id\` varchar(36) null;`);
    this.addSql(`alter table \`session\` add constraint \`session_account_id_foreign\` foreign key (\`account_id\`) references \`account\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`session\` add index \`session_account_id_index\`(\`account_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`session\` drop foreign key \`session_account_id_foreign\`;`);

    this.addSql(`alter table \`session\` drop index \`session_account_id_index\`;`);
    this.addSql(`alter table \`session\` drop column \`method\`, drop column \`account_id\`;`);
  }

}
