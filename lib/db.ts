import "server-only";
import { MikroOrmAdapter } from "@auth/mikro-orm-adapter";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { Adapter } from "next-auth/adapters";
import { adapterEntities, createOrmConfig } from "../config/mikro-orm";
import { explainDatabaseError } from "./db-errors";

/**
 * The process's one MikroORM instance, and the Auth.js adapter built on it.
 *
 * The adapter creates its ORM itself (it takes options, not an instance), so
 * the app does not create a second one: a MikroORM extension hands the
 * adapter's instance over as it starts. It lives on globalThis because the
 * proxy, page and route bundles each evaluate this module, and `next dev`
 * re-evaluates it on every edit.
 */
interface Database {
  orm: MikroORM;
  /** The adapter as published, before lib/auth-adapter.ts mends it. */
  adapter: Adapter;
}

const globalForDb = globalThis as typeof globalThis & { __database?: Promise<Database> };

/** An id no user has: looking it up is how the adapter is made to open its ORM. */
const NO_SUCH_USER = "00000000-0000-0000-0000-000000000000";

async function open(): Promise<Database> {
  let orm: MikroORM | undefined;
  const options = createOrmConfig();
  options.extensions = [{ register: (instance: MikroORM) => void (orm = instance) }];
  const adapter = MikroOrmAdapter(options, { entities: adapterEntities });
  try {
    await adapter.getUser!(NO_SUCH_USER);
  } catch (error) {
    await orm?.close();
    throw explainDatabaseError(error);
  }
  if (!orm) throw new Error("The Auth.js MikroORM adapter did not start MikroORM");
  return { orm, adapter };
}

function database(): Promise<Database> {
  globalForDb.__database ??= open().catch((error: unknown) => {
    // Let the next request try again (the database may be starting up).
    globalForDb.__database = undefined;
    throw error;
  });
  return globalForDb.__database;
}

export async function getOrm(): Promise<MikroORM> {
  return (await database()).orm;
}

/**
 * A fresh EntityManager: one per request, action or script step. Every
 * supported driver is SQL (knex-based), hence the SQL EntityManager type.
 */
export async function getEm(): Promise<EntityManager> {
  return (await getOrm()).em.fork() as EntityManager;
}

export async function getRawAdapter(): Promise<Adapter> {
  return (await database()).adapter;
}

/** Closes the connection (scripts and tests; the server keeps it open). */
export async function closeDatabase(): Promise<void> {
  const pending = globalForDb.__database;
  globalForDb.__database = undefined;
  if (!pending) return;
  const { orm } = await pending.catch(() => ({ orm: undefined }));
  await orm?.close(true);
}
