import "server-only";
import { MikroORM, type Options } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/knex";
import type { PublishedAdapter } from "@auth/mikro-orm-adapter";
import { createOrmConfig } from "@/config/mikro-orm";
import { explainDatabaseError } from "./errors";

/**
 * The process's one MikroORM instance and its connection pool, opened on
 * first use. It lives on globalThis because Next.js evaluates this module
 * once per bundle (proxy, pages, route handlers) and again on every edit in
 * `next dev`.
 *
 * In the app the instance is the Auth.js adapter's: @auth/mikro-orm-adapter
 * takes options, not an instance, and opens MikroORM on its first query, so
 * the app opens it through the adapter rather than opening a second one (two
 * instances would fight over the entity classes). A script, which has no
 * adapter, opens it directly.
 */
interface Database {
  orm?: Promise<MikroORM>;
  /** The published adapter whose first query opens the ORM (set by auth.ts). */
  opener?: PublishedAdapter;
  /** The instance MikroORM created from ormOptions(), handed over by its `extensions` hook. */
  created?: MikroORM;
}

const globalForDb = globalThis as typeof globalThis & { __database?: Database };
const database: Database = (globalForDb.__database ??= {});

/** MikroORM options for DATABASE_URL, for the Auth.js adapter to open the process's instance with. */
export function ormOptions(): Options {
  return {
    ...createOrmConfig(),
    extensions: [{ register: (orm: MikroORM) => void (database.created = orm) }],
  };
}

/**
 * Makes `adapter` the one that opens the ORM. Called once per process, by
 * auth.ts, before anything queries: instrumentation.ts loads auth.ts at
 * start-up, and tests that use the adapter import it first.
 */
export function openOrmThrough(adapter: PublishedAdapter): void {
  if (database.opener === adapter) return;
  if (database.opener) throw new Error("A second Auth.js adapter was made in this process: auth.ts makes the one adapter.");
  if (database.orm) throw new Error("The database was opened before auth.ts was loaded: import it first (instrumentation.ts does).");
  database.opener = adapter;
}

/** Any id: the lookup finds nothing, and makes the adapter open MikroORM. */
const ANY_USER_ID = "00000000-0000-0000-0000-000000000000";

async function open(): Promise<MikroORM> {
  if (!database.opener) return MikroORM.init(ormOptions());
  // The adapter has no "connect" method: its first query is what opens MikroORM.
  await database.opener.getUser(ANY_USER_ID);
  if (!database.created) throw new Error("The Auth.js adapter did not open MikroORM with ormOptions()");
  return database.created;
}

/** The process's one MikroORM instance; concurrent first callers share one opening. */
export function getOrm(): Promise<MikroORM> {
  database.orm ??= open().catch((error: unknown) => {
    // Let the next request try again (the database may be starting up).
    database.orm = undefined;
    throw explainDatabaseError(error);
  });
  return database.orm;
}

/** Every supported driver is SQL (knex-based), hence the SQL EntityManager type. */
const sqlEm = (orm: MikroORM) => orm.em as EntityManager;

/** A fresh EntityManager: one per request, action or script step. */
export async function getEm(): Promise<EntityManager> {
  return sqlEm(await getOrm()).fork();
}

/** The knex instance under the ORM: its connection pool, for the one query that bypasses the EntityManager. */
export async function getKnex(): Promise<Knex> {
  return sqlEm(await getOrm()).getKnex();
}

/** Closes the connection for good (the end of a script or test file; the server keeps it open). */
export async function closeOrm(): Promise<void> {
  const pending = database.orm;
  database.orm = undefined;
  database.created = undefined;
  const orm = await pending?.catch(() => undefined);
  await orm?.close(true);
}
