import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { MikroORM } from "@mikro-orm/core";
import { createOrmConfig, migrationDialect, type MigrationDialect } from "../../config/mikro-orm";
import { parseDatabaseUrl, type DatabaseTarget } from "../../config/database-url";
import { ConfigurationError, getDatabaseTarget } from "../../config/env";

/**
 * Scratch databases: made by the migration tools, the tests and the
 * benchmarks, on a temporary SQLite file or on the servers in
 * TEST_POSTGRES_URL / TEST_MYSQL_URL, and the only databases anything here
 * deletes.
 */

const SCRATCH_SERVERS = { postgresql: "TEST_POSTGRES_URL", mysql: "TEST_MYSQL_URL" } as const;

/**
 * A new, uniquely named scratch database for a dialect: a temporary SQLite
 * file, or a database on the server in TEST_POSTGRES_URL / TEST_MYSQL_URL
 * (null when that variable is unset). Created by `migrate`, removed by `dropDatabase`.
 */
export function scratchTarget(dialect: MigrationDialect): DatabaseTarget | null {
  const suffix = randomBytes(4).toString("hex");
  if (dialect === "sqlite") return { dialect, location: join(tmpdir(), `starter-scratch-${suffix}.db`) };
  const variable = SCRATCH_SERVERS[dialect];
  const url = process.env[variable];
  if (!url) return null;
  const server = parseDatabaseUrl(url);
  if (typeof server === "string") throw new ConfigurationError([`${variable} ${server}`]);
  const scratch = new URL(server.location);
  scratch.pathname = `/starter_scratch_${suffix}`;
  return { dialect: server.dialect, location: scratch.toString() };
}

/** A scratch database per dialect that can be reached from here. */
export function scratchTargets(): DatabaseTarget[] {
  return (["sqlite", "postgresql", "mysql"] as const).map(scratchTarget).filter((target): target is DatabaseTarget => target !== null);
}

/** The database's own name: the SQLite file's base name, or the database on the server. */
function databaseName(target: DatabaseTarget): string {
  return target.dialect === "sqlite" ? basename(target.location) : new URL(target.location).pathname.replace(/^\//, "");
}

/**
 * Scripts and tests delete only databases whose name says they are scratch
 * (the ones they make: starter-scratch-*, e2e-scratch, bench-scratch), so a
 * DATABASE_URL pointing at real data (data/app.db, say) is never deleted.
 */
export function isScratchDatabase(target: DatabaseTarget): boolean {
  return /scratch/i.test(databaseName(target)) && target.location !== ":memory:";
}

/** Removes a scratch database entirely; refuses any other. */
export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  if (!isScratchDatabase(target)) {
    throw new Error(`Refusing to delete the database "${databaseName(target)}": only a database whose name contains "scratch" is deleted.`);
  }
  if (target.dialect === "sqlite") {
    await Promise.all(["", "-wal", "-shm"].map((ext) => rm(target.location + ext, { force: true })));
    return;
  }
  const orm = await MikroORM.init({ ...createOrmConfig(target), ensureDatabase: false });
  try {
    await orm.schema.dropDatabase();
  } finally {
    await orm.close(true);
  }
}

/**
 * The server your DATABASE_URL is on must be covered, or its migration would
 * silently not be written (and `db:check` could not see it missing).
 */
export function uncoveredDialect(): string | null {
  const dialect = migrationDialect(getDatabaseTarget().dialect);
  if (dialect === "sqlite" || process.env[SCRATCH_SERVERS[dialect]]) return null;
  return (
    `DATABASE_URL is ${dialect === "mysql" ? "MySQL/MariaDB" : "PostgreSQL"}, but ${SCRATCH_SERVERS[dialect]} is not set, so its migration cannot be ` +
    `written or checked. Set ${SCRATCH_SERVERS[dialect]} to a server where a scratch database may be created (your development server will do).`
  );
}
