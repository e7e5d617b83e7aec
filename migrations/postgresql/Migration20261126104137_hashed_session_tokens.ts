import { Migration } from '@mikro-orm/migrations';
import { hashSessionTokens } from '../shared/hash-session-tokens';

/**
 * Written by hand from the generated one: sessions keep a SHA-256 of their
 * token, never the token, plus what the account page shows. Existing rows
 * are hashed in place (batched), so nobody is signed out; then the raw
 * tokens are dropped. Not reversible: the tokens are gone.
 */
export class Migration20261126104137_hashed_session_tokens extends Migration {

  override async up(): Promise<void> {
    await this.execute(`alter table "session" add column "token_hash" varchar(64) null, add column "created_at" timestamptz(3) null, add column "last_seen_at" timestamptz(3) null, add column "authenticated_at" timestamptz(3) null, add column "user_agent" varchar(512) null, add column "ip" varchar(45) null;`);
    await hashSessionTokens(this, 'current_timestamp(3)');
    await this.execute(`alter table "session" drop constraint "session_session_token_unique";`);
    await this.execute(`alter table "session" drop column "session_token";`);
    await this.execute(`alter table "session" alter column "token_hash" set not null, alter column "created_at" set not null, alter column "last_seen_at" set not null, alter column "authenticated_at" set not null;`);
    await this.execute(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    await this.execute(`create index "session_expires_index" on "session" ("expires");`);
  }

  override async down(): Promise<void> {
    throw new Error('Session tokens are stored hashed and cannot be restored: sign everyone out instead (delete from session).');
  }

}
