import { Migration } from '@mikro-orm/migrations';

/**
 * Written by hand (MikroORM does not model collations): emails and the name
 * search column compare byte for byte, as they do on PostgreSQL ("C") and
 * SQLite. Under MySQL's default utf8mb4_general_ci, "ådmin@" equals "admin@",
 * so one could sign in as, or be found instead of, the other. The app stores
 * both columns normalised (lower case, NFC), so nothing else changes.
 */
export class Migration20261126100000_byte_order_emails extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`user\` modify \`email\` varchar(255) character set utf8mb4 collate utf8mb4_bin null, modify \`name_search\` varchar(255) character set utf8mb4 collate utf8mb4_bin null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`user\` modify \`email\` varchar(255) null, modify \`name_search\` varchar(255) null;`);
  }

}
