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
    await this.execute(`alter table \`session\` add \`token_hash\` varchar(64) null, add \`created_at\` datetime(3) null, add \`last_seen_at\` datetime(3) null, add \`authenticated_at\` datetime(3) null, add \`user_agent\` varchar(512) null, add \`ip\` varchar(45) null;`);
    await hashSessionTokens(this, 'current_timestamp(3)');
    await this.execute(`alter table \`session\` drop index \`session_session_token_unique\`;`);
    await this.execute(`alter table \`session\` drop column \`session_token\`;`);
    await this.execute(`alter table \`session\` modify \`token_hash\` varchar(64) not null, modify \`created_at\` datetime(3) not null, modify \`last_seen_at\` datetime(3) not null, modify \`authenticated_at\` datetime(3) not null;`);
    await this.execute(`alter table \`session\` add unique \`session_token_hash_unique\`(\`token_hash\`);`);
    await this.execute(`alter table \`session\` add index \`session_expires_index\`(\`expires\`);`);
  }

  override async down(): Promise<void> {
    throw new Error('Session tokens are stored hashed and cannot be restored: sign everyone out instead (delete from session).');
  }

}
