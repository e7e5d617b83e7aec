import type { Options } from "@mikro-orm/core";
import { MariaDbDriver } from "@mikro-orm/mariadb";
import { MySqlDriver } from "@mikro-orm/mysql";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { BetterSqliteDriver } from "@mikro-orm/better-sqlite";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import { Account } from "../entities/Account";
import { AuditLog } from "../entities/AuditLog";
import { RateLimit } from "../entities/RateLimit";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import type { DatabaseDialect, DatabaseTarget } from "./database-url";
import { getDatabaseTarget } from "./env";

/**
 * Every entity the app maps: our own User, Account and Session where the
 * adapter's are wrong on MikroORM 6 (auth.ts hands them to the adapter), the
 * adapter's VerificationToken (so migrations cover every table Auth.js
 * uses), the audit log and the rate-limit counters.
 */
export const entities = [User, Account, Session, defaultEntities.VerificationToken, AuditLog, RateLimit];

/** MySQL and MariaDB share one set of migrations. */
export type MigrationDialect = "sqlite" | "postgresql" | "mysql";

export function migrationDialect(dialect: DatabaseDialect): MigrationDialect {
  return dialect === "mariadb" ? "mysql" : dialect;
}

/** A better-sqlite3 connection, as far as the pool hook below uses it. */
interface SqliteConnection {
  pragma(source: string): unknown;
}

function driverOptions(target: DatabaseTarget): Options {
  switch (target.dialect) {
    case "sqlite":
      return {
        // better-sqlite3: synchronous calls, several times cheaper per query than the asynchronous sqlite3.
        driver: BetterSqliteDriver,
        dbName: target.location,
        // One connection (knex's default for SQLite): transactions are serialised,
        // which the last-admin invariant relies on.
        pool: {
          // WAL lets scripts read and write while the server holds the file;
          // busy_timeout makes a writer wait for the lock instead of failing;
          // foreign keys are set on every connection the pool makes, not only the first.
          afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
            try {
              for (const pragma of ["journal_mode = WAL", "busy_timeout = 5000", "foreign_keys = ON"]) connection.pragma(pragma);
              done(null, connection);
            } catch (error) {
              done(error as Error, connection);
            }
          },
        },
      };
    case "postgresql":
      return { driver: PostgreSqlDriver, clientUrl: target.location };
    case "mysql":
      return { driver: MySqlDriver, clientUrl: target.location };
    case "mariadb":
      // The connector would list query parameters in its error messages.
      return { driver: MariaDbDriver, clientUrl: target.location, driverOptions: { connection: { logParam: false } } };
  }
}

/**
 * MikroORM options for a database (by default the one in DATABASE_URL).
 * A fresh object each call: the adapter rewrites the `entities` array it is given.
 */
export function createOrmConfig(target: DatabaseTarget = getDatabaseTarget()): Options {
  const dialect = migrationDialect(target.dialect);
  return {
    ...driverOptions(target),
    entities: [...entities],
    // Metadata comes from the decorators' explicit types: no file scanning or
    // metadata cache, which a bundled server cannot rely on.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    forceUtcTimezone: true,
    ensureDatabase: false,
    migrations: {
      path: `migrations/${dialect}`,
      pathTs: `migrations/${dialect}`,
      glob: "!(*.d).{js,ts}",
      tableName: "mikro_orm_migrations",
      // MySQL commits DDL implicitly, so a transaction there would only pretend.
      transactional: dialect !== "mysql",
      allOrNothing: dialect !== "mysql",
      snapshot: false,
      emit: "ts",
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ""}`,
    },
  };
}
