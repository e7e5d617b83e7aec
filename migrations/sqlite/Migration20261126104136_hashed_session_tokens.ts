import { Migration } from '@mikro-orm/migrations';
import { hashSessionTokens } from '../shared/hash-session-tokens';

/**
 * Written by hand from the generated one: sessions keep a SHA-256 of their
 * token, never the token, plus what the account page shows. Existing rows
 * are hashed in place (batched), so nobody is signed out; then the table is
 * rebuilt without the raw tokens (SQLite cannot add NOT NULL to a column).
 * Not reversible: the tokens are gone. Datetimes are milliseconds, as
 * MikroORM writes them on SQLite.
 */
export class Migration20261126104136_hashed_session_tokens extends Migration {

  override async up(): Promise<void> {
    for (const column of ['`token_hash` text null', '`created_at` datetime null', '`last_seen_at` datetime null', '`authenticated_at` datetime null']) {
      await this.execute(`alter table \`session\` add column ${column};`);
    }
    await hashSessionTokens(this, String(Date.now()));
    await this.execute(`create table \`session_hashed\` (\`id\` text not null, \`user_id\` text not null, \`expires\` datetime not null, \`token_hash\` text not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`authenticated_at\` datetime not null, \`user_agent\` text null, \`ip\` text null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    await this.execute('insert into `session_hashed` (`id`, `user_id`, `expires`, `token_hash`, `created_at`, `last_seen_at`, `authenticated_at`) select `id`, `user_id`, `expires`, `token_hash`, `created_at`, `last_seen_at`, `authenticated_at` from `session`;');
    await this.execute('drop table `session`;');
    await this.execute('alter table `session_hashed` rename to `session`;');
    await this.execute('create index `session_user_id_index` on `session` (`user_id`);');
    await this.execute('create unique index `session_token_hash_unique` on `session` (`token_hash`);');
    await this.execute('create index `session_expires_index` on `session` (`expires`);');
    await this.execute('create index `session_user_id_expires_index` on `session` (`user_id`, `expires`);');
  }

  override async down(): Promise<void> {
    throw new Error('Session tokens are stored hashed and cannot be restored: sign everyone out instead (delete from session).');
  }

}
