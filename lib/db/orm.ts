import "server-only";
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
const globalForDb = globalThis as typeof globalThis & { __orm?: Promise<MikroORM> };

/** The process's MikroORM; concurrent first callers share one opening. */
export function getOrm(): Promise<MikroORM> {
  globalForDb.__orm ??= MikroORM.init(createOrmConfig()).catch((error: unknown) => {
    // Let the next request try again (the database may be starting up).
    globalForDb.__orm = undefined;
    throw explainDatabaseError(error);
  });
  return globalForDb.__orm;
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
