import { Migration } from '@mikro-orm/migrations';

export class Migration20261205224224_impersonation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_log\` add \`impersonator_id\` varchar(36) null;`);

    this.addSql(`alter table \`session\` add \`impersonator_id\` varchar(36) null, add \`impersonator_session_id\` varchar(36) null;`);
    this.addSql(`alter table \`session\` add constraint \`session_impersonator_id_foreign\` foreign key (\`impersonator_id\`) references \`user\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`session\` add constraint \`session_impersonator_session_id_foreign\` foreign key (\`impersonator_session_id\`) references \`session\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`session\` add index \`session_impersonator_id_index\`(\`impersonator_id\`);`);
    this.addSql(`alter table \`session\` add index \`session_impersonator_session_id_index\`(\`impersonator_session_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`session\` drop foreign key \`session_impersonator_id_foreign\`;`);
    this.addSql(`alter table \`session\` drop foreign key \`session_impersonator_session_id_foreign\`;`);

    this.addSql(`alter table \`audit_log\` drop column \`impersonator_id\`;`);

    this.addSql(`alter table \`session\` drop index \`session_impersonator_id_index\`;`);
    this.addSql(`alter table \`session\` drop index \`session_impersonator_session_id_index\`;`);
    this.addSql(`alter table \`session\` drop column \`impersonator_id\`, drop column \`impersonator_session_id\`;`);
  }

}
