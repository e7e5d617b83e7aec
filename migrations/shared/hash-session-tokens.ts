import { createHash } from "node:crypto";
import type { Migration } from "@mikro-orm/migrations";

/**
 * Shared by each dialect's Migration*_hashed_session_tokens: stores the
 * SHA-256 of every existing session token in `token_hash`, 500 rows at a
 * time, and dates the session's new columns `now` (an SQL expression), so
 * nobody is signed out by the upgrade. The raw tokens are then dropped.
 */
export async function hashSessionTokens(migration: Migration, now: string): Promise<void> {
  for (;;) {
    const rows = (await migration.execute("select id, session_token from session where token_hash is null limit 500")) as {
      id: string;
      session_token: string;
    }[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const hash = createHash("sha256").update(row.session_token).digest("hex");
      await migration.execute(
        `update session set token_hash = ?, created_at = ${now}, last_seen_at = ${now}, authenticated_at = ${now} where id = ?`,
        [hash, row.id],
      );
    }
  }
}
