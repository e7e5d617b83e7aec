import { Migration } from '@mikro-orm/migrations';

export class Migration20261205224224_impersonation extends Migration {

  // Written by hand from the generated one, which put both foreign keys on the first new column.
  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_log\` add column \`impersonator_id\` text null;`);

    this.addSql(`alter table \`session\` add column \`impersonator_id\` text null constraint \`session_impersonator_id_foreign\` references \`user\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`session\` add column \`impersonator_session_id\` text null constraint \`session_impersonator_session_id_foreign\` references \`session\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`session_impersonator_id_index\` on \`session\` (\`impersonator_id\`);`);
    this.addSql(`create index \`session_impersonator_session_id_index\` on \`session\` (\`impersonator_session_id\`);`);
  }

}
