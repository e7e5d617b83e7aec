/**
 * Database migrations, driven from MikroORM's Migrator.
 *
 *   npm run db:migrate                         apply pending migrations to DATABASE_URL
 *   npm run db:migration:create -- <name>      write the next migration from entity changes
 *   npm run db:check                           fail if entities and migrations disagree
 *
 * Migrations are kept per SQL dialect (migrations/sqlite, postgresql, mysql).
 * Creating and checking use a scratch database with every committed migration
 * applied, never your data: a temporary SQLite file always, and a scratch
 * database on the servers in TEST_POSTGRES_URL and TEST_MYSQL_URL when set.
 */
import { MikroORM } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import { createOrmConfig, migrationDialect } from "../config/mikro-orm";
import type { DatabaseTarget } from "../config/database-url";
import { ConfigurationError, getEnv } from "../config/env";
import { dropDatabase, scratchTargets, uncoveredDialect } from "./lib/scratch-databases";
import { explainDatabaseError } from "../lib/db/errors";
import { loadEnvFiles } from "./lib/load-env-files";

/** MikroORM with its Migrator, for one database (creating it if `ensureDatabase`). */
export async function openWithMigrator(target: DatabaseTarget, ensureDatabase = false): Promise<MikroORM> {
  return MikroORM.init({ ...createOrmConfig(target), ensureDatabase, extensions: [Migrator] });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(target: DatabaseTarget): Promise<string[]> {
  const orm = await openWithMigrator(target, true);
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

/** The migrations not yet applied to a database (it must exist). */
export async function pendingMigrations(target: DatabaseTarget): Promise<string[]> {
  const orm = await openWithMigrator(target);
  try {
    return (await orm.getMigrator().getPendingMigrations()).map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

/** Opens a new, empty scratch database with every committed migration applied. */
async function withScratchDatabase<T>(target: DatabaseTarget, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await openWithMigrator(target, true);
  try {
    await orm.getMigrator().up();
    return await work(orm);
  } finally {
    await orm.close(true);
    await dropDatabase(target);
  }
}

export interface DriftReport {
  dialect: string;
  pending: string;
}

/** For each reachable dialect: the SQL the entities need beyond the committed migrations. */
export async function checkDrift(targets = scratchTargets()): Promise<DriftReport[]> {
  const reports: DriftReport[] = [];
  for (const target of targets) {
    const pending = await withScratchDatabase(target, async (orm) => (await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim());
    reports.push({ dialect: migrationDialect(target.dialect), pending });
  }
  return reports;
}

async function createMigrations(description: string | undefined): Promise<void> {
  // The name becomes part of a class name: keep it an identifier.
  const name = description?.replace(/[^A-Za-z0-9]+/g, "_");
  for (const target of scratchTargets()) {
    const dialect = migrationDialect(target.dialect);
    const result = await withScratchDatabase(target, (orm) => orm.getMigrator().createMigration(undefined, false, false, name));
    console.log(result.fileName ? `${dialect}: wrote migrations/${dialect}/${result.fileName}` : `${dialect}: no changes`);
  }
  if (!process.env.TEST_POSTGRES_URL || !process.env.TEST_MYSQL_URL) {
    console.log(
      "Set TEST_POSTGRES_URL and TEST_MYSQL_URL (servers where a scratch database may be created) to write the PostgreSQL and MySQL migrations too.",
    );
  }
}

async function main(): Promise<void> {
  loadEnvFiles();
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case "migrate": {
      const target = getEnv().DATABASE_URL;
      const applied = await migrate(target);
      console.log(applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date.");
      return;
    }
    case "create":
    case "check": {
      const uncovered = uncoveredDialect();
      if (uncovered) {
        console.error(uncovered);
        process.exitCode = 1;
        return;
      }
      if (command === "create") {
        await createMigrations(name);
        return;
      }
      let drifted = false;
      for (const report of await checkDrift()) {
        if (report.pending) {
          drifted = true;
          console.error(`${report.dialect}: the entities need changes no migration makes:\n${report.pending}`);
        } else {
          console.log(`${report.dialect}: migrations match the entities.`);
        }
      }
      if (drifted) {
        console.error("Create the missing migration with `npm run db:migration:create -- <name>`.");
        process.exitCode = 1;
      }
      const unchecked = [
        !process.env.TEST_POSTGRES_URL && "postgresql (TEST_POSTGRES_URL)",
        !process.env.TEST_MYSQL_URL && "mysql (TEST_MYSQL_URL)",
      ];
      if (unchecked.some(Boolean)) console.log(`Not checked, no server set: ${unchecked.filter(Boolean).join(", ")}. CI checks all three.`);
      return;
    }
    default:
      console.error("Usage: npm run db:migrate | npm run db:migration:create -- <name> | npm run db:check");
      process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigurationError ? error.message : explainDatabaseError(error).message);
    process.exit(1);
  });
}
