import "server-only";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { getEnv } from "@/config/env";
import { createOrmConfig } from "@/config/mikro-orm";
import { explainDatabaseError } from "./errors";
import { registerDatabasePing } from "./health";

/**
 * The process's one MikroORM instance and its connection pool, opened on
 * first use. The app, the scripts and the Auth.js adapter (auth.ts hands it
 * getOrm) all use this instance. It lives on globalThis because Next.js
 * evaluates this module once per bundle (pages, route handlers) and again
 * on every edit in `next dev`.
 */
const globalForDb = globalThis as typeof globalThis & { __orm?: Promise<MikroORM>; __ormEntities?: EntitiesCheck };

/** The process's MikroORM; concurrent first callers share one opening. */
export function getOrm(): Promise<MikroORM> {
  if (process.env.NODE_ENV === "development") reopenWhenEntitiesChange();
  globalForDb.__orm ??= MikroORM.init(createOrmConfig()).catch((error: unknown) => {
    // Let the next request try again (the database may be starting up).
    globalForDb.__orm = undefined;
    throw explainDatabaseError(error);
  });
  return globalForDb.__orm;
}

interface EntitiesCheck {
  stamp: string;
  checkedAt: number;
}

/** entities/ as it is now: each file's name, size and time of change. */
function entitiesStamp(): string {
  const dir = join(process.cwd(), "entities");
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const { size, mtimeMs } = statSync(join(dir, name));
      return `${name}:${size}:${mtimeMs}`;
    })
    .join(",");
}

/**
 * In `next dev`, an edited entity is a new class, but the instance kept on
 * globalThis knows only the old one (a new field's column is unknown to it,
 * and every session lookup would fail). At most once a second, entities/ is
 * compared with how it was when the ORM opened; when it changed, the next
 * caller opens a new one, and the old one is closed once its requests are
 * done.
 */
function reopenWhenEntitiesChange(): void {
  const now = Date.now();
  const check = globalForDb.__ormEntities;
  if (check && now - check.checkedAt < 1000) return;
  const stamp = entitiesStamp();
  globalForDb.__ormEntities = { stamp, checkedAt: now };
  if (!check || check.stamp === stamp || !globalForDb.__orm) return;
  const previous = globalForDb.__orm;
  globalForDb.__orm = undefined;
  setTimeout(() => void previous.then((orm) => orm.close()).catch(() => undefined), 30_000).unref();
  console.log("[db] entities/ changed: MikroORM reopened with them. A new column needs a migration (docs/customizing.md).");
}

/** A fresh EntityManager: one per request, action or script step. Every supported database is SQL. */
export async function getEm(): Promise<EntityManager> {
  return (await getOrm()).em.fork() as EntityManager;
}

/** Closes the connection for good (the end of a script or test file; the server keeps it open). */
export async function closeOrm(): Promise<void> {
  const pending = globalForDb.__orm;
  globalForDb.__orm = undefined;
  const orm = await pending?.catch(() => undefined);
  await orm?.close(true);
}

/** knex's connection pool (tarn), as far as the ping reads it. */
interface PoolState {
  max: number;
  numUsed(): number;
}

/** The health ping (lib/db/health.ts): `select 1`, within the connect timeout and a little more. */
async function ping(): Promise<void> {
  const orm = await getOrm();
  const pool = ((orm.em as EntityManager).getConnection().getKnex().client as { pool?: PoolState }).pool;
  // Every connection is open and busy with a query: the database is answering.
  // A ping would queue behind them and time out, taking a busy instance out of service.
  if (pool && pool.numUsed() >= pool.max) return;
  const check = await orm.checkConnection();
  if (!check.ok) throw check.error ?? new Error(check.reason);
}

registerDatabasePing(async () => {
  let timer: NodeJS.Timeout | undefined;
  const limitMs = getEnv().DATABASE_CONNECT_TIMEOUT * 1000 + 500;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database ping timed out")), limitMs);
  });
  try {
    await Promise.race([ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
});
