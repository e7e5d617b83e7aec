import { Migration } from '@mikro-orm/migrations';

export class Migration20261205215220_session_sign_in_method extends Migration {

  // Written by hand from the generated one, which put the foreign key on the wrong column.
  override async up(): Promise<void> {
    this.addSql(`alter table \`session\` add column \`method\` text null;`);
    this.addSql(`alter table \`session\` add column \`account_id\` text null constraint \`session_account_id_foreign\` references \`account\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`session_account_id_index\` on \`session\` (\`account_id\`);`);
  }

}
