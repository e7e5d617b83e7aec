/**
 * `npm run db:copy -- <from DATABASE_URL> <to DATABASE_URL>`: copies every
 * row the app keeps (users, accounts, sessions, sign-in links, audit log,
 * rate-limit counters) from one database to another, e.g. from the SQLite
 * file you started with to PostgreSQL. docs/databases.md gives the
 * whole procedure.
 *
 * - The source must have every migration applied (it is only read).
 * - The target is migrated first, and must then be empty: nothing is merged.
 * - Everything is written in one transaction on the target: a failure
 *   leaves it empty, as it was.
 * - Values go through MikroORM's mapping, so each database gets its own
 *   types (SQLite's millisecond numbers become PostgreSQL timestamps).
 */
import { MikroORM, type EntityMetadata } from "@mikro-orm/core";
import { createOrmConfig } from "../config/mikro-orm";
import { parseDatabaseUrl, type DatabaseTarget } from "../config/database-url";
import { migrate, pendingMigrations } from "./migrations";

const BATCH = 1000;

/** A copy refused before anything was written, with what to do instead. */
export class CopyRefused extends Error {}

/** Tables in an order that satisfies foreign keys: users before what refers to them. */
function copyOrder(orm: MikroORM): EntityMetadata[] {
  const all = Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName);
  const ordered: EntityMetadata[] = [];
  const visit = (meta: EntityMetadata) => {
    if (ordered.includes(meta)) return;
    for (const prop of meta.relations) {
      if (prop.kind === "m:1" || prop.kind === "1:1") {
        const target = all.find((candidate) => candidate.className === prop.type);
        if (target && target !== meta) visit(target);
      }
    }
    ordered.push(meta);
  };
  all.forEach(visit);
  return ordered;
}

export function parseTarget(url: string | undefined, which: string): DatabaseTarget {
  if (!url) throw new CopyRefused(`Give the ${which} database's URL: npm run db:copy -- <from DATABASE_URL> <to DATABASE_URL>`);
  const target = parseDatabaseUrl(url);
  if (typeof target === "string") throw new CopyRefused(`The ${which} URL ${target}`);
  return target;
}

/** The first of the app's tables that has rows in `target`, if any; a database or table not made yet has none. */
async function tableWithRows(target: DatabaseTarget): Promise<string | null> {
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(createOrmConfig(target));
  } catch {
    return null; // not reachable or not created: migrate() makes it, or says why it cannot
  }
  try {
    for (const meta of copyOrder(orm)) {
      const rows = await orm.em
        .fork()
        .count(meta.class, {})
        .catch(() => 0);
      if (rows > 0) return meta.tableName;
    }
    return null;
  } finally {
    await orm.close(true);
  }
}

/** Copies every row from `from` into the empty, migrated `to`; returns the rows copied per table. */
export async function copyDatabase(from: DatabaseTarget, to: DatabaseTarget): Promise<Record<string, number>> {
  const pending = await pendingMigrations(from);
  if (pending.length > 0) {
    throw new CopyRefused(`The source database is missing migrations (${pending.join(", ")}): run \`npm run db:migrate\` on it first.`);
  }
  // Checked before migrating: a target URL that points at live data by mistake is left untouched.
  const full = await tableWithRows(to);
  if (full) throw new CopyRefused(`The target database is not empty (table ${full} has rows): copy into a new, empty database.`);
  await migrate(to);
  const source = await MikroORM.init(createOrmConfig(from));
  const target = await MikroORM.init(createOrmConfig(to));
  try {
    const tables = copyOrder(target);
    const copied: Record<string, number> = {};
    const reader = source.em.fork();
    const writer = target.em.fork();
    // An explicit transaction, not em.transactional(): inside that, MikroORM would run the reads in it too.
    const connection = writer.getConnection();
    const trx = await connection.begin();
    try {
      for (const meta of tables) {
        const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, "asc" as const]));
        copied[meta.tableName] = 0;
        for (let offset = 0; ; offset += BATCH) {
          const rows = await reader.getDriver().find(meta.className, {}, { orderBy, limit: BATCH, offset });
          if (rows.length === 0) break;
          await writer.getDriver().nativeInsertMany(meta.className, rows, { ctx: trx, convertCustomTypes: true });
          copied[meta.tableName]! += rows.length;
          if (rows.length < BATCH) break;
        }
      }
      await connection.commit(trx);
    } catch (error) {
      await connection.rollback(trx);
      throw error;
    }
    return copied;
  } finally {
    await Promise.all([source.close(true), target.close(true)]);
  }
}

async function main(): Promise<void> {
  const [fromUrl, toUrl, ...rest] = process.argv.slice(2);
  if (rest.length > 0) throw new CopyRefused("Usage: npm run db:copy -- <from DATABASE_URL> <to DATABASE_URL>");
  const copied = await copyDatabase(parseTarget(fromUrl, "source"), parseTarget(toUrl, "target"));
  for (const [table, rows] of Object.entries(copied)) console.log(`${table}: ${rows} row${rows === 1 ? "" : "s"}`);
  console.log("Copied. Point DATABASE_URL at the new database and start the app.");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(
      error instanceof CopyRefused
        ? error.message
        : `The copy failed, and no row was written to the target: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
