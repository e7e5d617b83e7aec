/**
 * The shared database ping (lib/db/health.ts) under load: when every pooled
 * connection is busy the database is answering, and the instance must stay
 * in service, not be reported unreachable because its own ping queued
 * behind the work.
 */
import { describe, expect, it } from "vitest";
import { User } from "@/entities/User";
import { databaseReachable } from "@/lib/db/health";
import { getEm } from "@/lib/db/orm";

// One connection, so one open transaction holds the whole pool.
process.env.DATABASE_POOL_MAX = "1";
process.env.DATABASE_CONNECT_TIMEOUT = "1s";

describe("the database ping", () => {
  it("says reachable at once while every connection is busy", async () => {
    const em = await getEm();
    const knex = em.getConnection().getKnex();
    expect((knex.client as { pool: { max: number } }).pool.max).toBe(1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy = em.fork().transactional(async (tx) => {
      await tx.count(User, {});
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    // Asked at a time later than any earlier answer's freshness, so this is a new ping.
    expect(await databaseReachable(Date.now() + 60_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    release();
    await busy;
  });

  it("pings when a connection is free", async () => {
    expect(await databaseReachable(Date.now() + 120_000)).toBe(true);
  });
});
