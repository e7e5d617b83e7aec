import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104315_timed_bans extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`user\` add \`banned_until\` datetime(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`user\` drop column \`banned_until\`;`);
  }

}
