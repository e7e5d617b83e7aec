/**
 * Upgrading to hashed session tokens signs nobody out: the migration stores
 * the SHA-256 of every existing token (batched), dates the new columns and
 * drops the raw tokens. Run on every configured database, on a database of
 * its own built by the committed migrations up to that one.
 */
import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/knex";
import { afterAll, describe, expect, it } from "vitest";
import type { MigrationDialect } from "@/config/mikro-orm";
import { openWithMigrator } from "@/scripts/migrations";
import { dropDatabase, scratchTarget } from "@/scripts/lib/scratch-databases";

const dialect = (process.env.TEST_DATABASE ?? "sqlite") as MigrationDialect;
const target = scratchTarget(dialect)!;

afterAll(async () => {
  await dropDatabase(target);
});

describe("the hashed-session-tokens migration", () => {
  it("keeps every existing session, by the hash of its token", async () => {
    const orm = await openWithMigrator(target, true);
    try {
      const migrator = orm.getMigrator();
      const pending = (await migrator.getPendingMigrations()).map((migration) => migration.name);
      const hashing = pending.findIndex((name) => name.includes("hashed_session_tokens"));
      await migrator.up({ to: pending[hashing - 1] });

      const knex = (orm.em as EntityManager).getKnex();
      const moment = (ms: number) => (dialect === "sqlite" ? ms : new Date(ms));
      const userId = randomUUID();
      await knex("user").insert({
        id: userId,
        name: "Before",
        email: `before-${userId}@example.test`,
        role: "user",
        created_at: moment(Date.now()),
      });
      const tokens = Array.from({ length: 3 }, () => randomUUID());
      for (const token of tokens) {
        await knex("session").insert({ id: randomUUID(), user_id: userId, session_token: token, expires: moment(Date.now() + 86_400_000) });
      }

      await migrator.up();

      const rows = (await knex("session").select("token_hash", "created_at", "last_seen_at", "authenticated_at")) as Record<
        string,
        unknown
      >[];
      expect(rows.map((row) => row.token_hash).sort()).toEqual(
        tokens.map((token) => createHash("sha256").update(token).digest("hex")).sort(),
      );
      for (const row of rows) expect([row.created_at, row.last_seen_at, row.authenticated_at]).not.toContain(null);
      await expect(knex("session").select("session_token"), "the raw tokens are gone").rejects.toThrow();
    } finally {
      await orm.close(true);
    }
  });
});
