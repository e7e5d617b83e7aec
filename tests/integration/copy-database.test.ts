/**
 * docs/databases.md's procedure for moving from SQLite to PostgreSQL or MySQL with
 * your data (`npm run db:copy`), run on this project's server database: a
 * SQLite database with one of everything is copied, and each row reads back
 * the same through the app's entities.
 */
import { randomUUID } from "node:crypto";
import { MikroORM, type EntityMetadata } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MigrationDialect } from "@/config/mikro-orm";
import { createOrmConfig } from "@/config/mikro-orm";
import type { DatabaseTarget } from "@/config/database-url";
import { Account } from "@/entities/Account";
import { AuditLog } from "@/entities/AuditLog";
import { RateLimit } from "@/entities/RateLimit";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { copyDatabase, CopyRefused } from "@/scripts/copy-database";
import { migrate } from "@/scripts/migrations";
import { dropDatabase, scratchTarget } from "@/scripts/lib/scratch-databases";

const dialect = (process.env.TEST_DATABASE ?? "sqlite") as MigrationDialect;
let source: DatabaseTarget;
let target: DatabaseTarget;

async function withOrm<T>(database: DatabaseTarget, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(createOrmConfig(database));
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}

/** Every row of every table, read through the entities' mapping, in primary-key order. */
async function everything(database: DatabaseTarget): Promise<Record<string, unknown[]>> {
  return withOrm(database, async (orm) => {
    const tables: Record<string, unknown[]> = {};
    for (const meta of Object.values(orm.getMetadata().getAll()) as EntityMetadata[]) {
      const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, "asc" as const]));
      const rows = await orm.em.fork().getDriver().find(meta.className, {}, { orderBy });
      tables[meta.tableName] = JSON.parse(JSON.stringify(rows)) as unknown[];
    }
    return tables;
  });
}

describe.runIf(dialect !== "sqlite")("npm run db:copy from SQLite", () => {
  beforeAll(async () => {
    source = scratchTarget("sqlite")!;
    target = scratchTarget(dialect)!;
    await migrate(source);
    await withOrm(source, async (orm) => {
      const em = orm.em.fork();
      const ada = em.create(User, {
        name: "Ada <Lovelace>",
        email: "ada@example.test",
        emailVerified: new Date("2026-01-02T03:04:05.678Z"),
        role: "admin",
        bannedAt: new Date("2026-03-04T05:06:07.890Z"),
        banReason: "Spam, twice",
      });
      const bob = em.create(User, { name: "Bob", email: "bob@example.test" });
      em.create(Account, {
        user: ada,
        userId: ada.id,
        type: "oidc",
        provider: "local",
        providerAccountId: "ada-1",
        expires_at: 1_900_000_000,
      });
      const at = new Date("2026-05-06T07:08:09.123Z");
      em.create(Session, {
        user: bob,
        userId: bob.id,
        tokenHash: "a".repeat(64),
        expires: at,
        createdAt: at,
        lastSeenAt: at,
        authenticatedAt: at,
      });
      em.create(AuditLog, {
        id: randomUUID(),
        actorId: ada.id,
        targetId: bob.id,
        action: "role_change",
        before: { role: "user" },
        after: { role: "admin" },
      });
      em.create(RateLimit, { limitKey: "admin:ip:127.0.0.1", windowStart: at, count: 3 });
      await em.flush();
      await em.getConnection().execute("insert into verification_token (token, identifier, expires) values (?, ?, ?)", [
        "hashed",
        "ada@example.test",
        // Whole seconds: the adapter's verification_token.expires keeps no milliseconds on MySQL.
        Date.parse("2026-05-06T07:08:09.000Z"),
      ]);
    });
  });

  afterAll(async () => {
    await dropDatabase(source);
    await dropDatabase(target);
  });

  it("copies every row, each reading back the same", async () => {
    const copied = await copyDatabase(source, target);
    expect(copied).toMatchObject({ user: 2, account: 1, session: 1, audit_log: 1, rate_limit: 1, verification_token: 1 });
    expect(await everything(target)).toEqual(await everything(source));
  });

  it("refuses to copy into a database that has rows, and changes nothing there", async () => {
    const before = await everything(target);
    await expect(copyDatabase(source, target)).rejects.toThrow(CopyRefused);
    await expect(copyDatabase(source, target)).rejects.toThrow(/not empty/);
    expect(await everything(target)).toEqual(before);
  });

  it("writes nothing when a row fails on the target, and says so", async () => {
    const [from, to] = [scratchTarget("sqlite")!, scratchTarget(dialect)!];
    try {
      await migrate(from);
      await withOrm(from, async (orm) => {
        const em = orm.em.fork();
        em.create(User, { name: "Carol", email: "carol@example.test" });
        // SQLite keeps a key longer than the column allows; the server database refuses it.
        em.create(RateLimit, { limitKey: "k".repeat(300), windowStart: new Date(), count: 1 });
        await em.flush();
      });
      await expect(copyDatabase(from, to)).rejects.toThrow();
      expect(Object.values(await everything(to)).flat()).toEqual([]);
    } finally {
      await dropDatabase(from);
      await dropDatabase(to);
    }
  });
});
