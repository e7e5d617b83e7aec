import { Migration } from '@mikro-orm/migrations';

/** Keeps milliseconds in every datetime: MySQL's `datetime` drops them, and Auth.js's dates carry them. */
export class Migration20261126084826_datetime_milliseconds extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`user\` modify \`email_verified\` datetime(3), modify \`last_active_at\` datetime(3), modify \`banned_at\` datetime(3);`);

    this.addSql(`alter table \`session\` modify \`expires\` datetime(3) not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`session\` modify \`expires\` datetime not null;`);

    this.addSql(`alter table \`user\` modify \`email_verified\` datetime, modify \`last_active_at\` datetime, modify \`banned_at\` datetime;`);
  }

}
