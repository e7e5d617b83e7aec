import type { Options } from "@mikro-orm/core";
import { MariaDbDriver } from "@mikro-orm/mariadb";
import { MySqlDriver } from "@mikro-orm/mysql";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { SqliteDriver } from "@mikro-orm/sqlite";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import { Account } from "../entities/Account";
import { AuditLog } from "../entities/AuditLog";
import { RateLimit } from "../entities/RateLimit";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import type { DatabaseDialect, DatabaseTarget } from "./database-url";
import { getDatabasePool, getDatabaseTarget, type DatabasePoolSettings } from "./env";

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

/** A sqlite3 connection, as far as the pool hook below uses it. */
interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

/**
 * The pool of a database server: its size, how long a query waits for a free
 * connection and a connection for the server before failing (so an
 * unreachable database fails a request in seconds), and when idle
 * connections close.
 */
function serverPool(pool: DatabasePoolSettings): Options["pool"] {
  return {
    min: pool.DATABASE_POOL_MIN,
    max: pool.DATABASE_POOL_MAX,
    acquireTimeoutMillis: pool.DATABASE_POOL_TIMEOUT * 1000,
    createTimeoutMillis: pool.DATABASE_CONNECT_TIMEOUT * 1000,
    idleTimeoutMillis: pool.DATABASE_IDLE_TIMEOUT * 1000,
  };
}

function driverOptions(target: DatabaseTarget, pool: DatabasePoolSettings): Options {
  const connectTimeout = pool.DATABASE_CONNECT_TIMEOUT * 1000;
  switch (target.dialect) {
    case "sqlite":
      return {
        driver: SqliteDriver,
        dbName: target.location,
        // One connection (knex's default for SQLite): transactions are serialised,
        // which the last-admin invariant relies on.
        pool: {
          // WAL lets scripts read and write while the server holds the file;
          // busy_timeout makes a writer wait for the lock instead of failing;
          // foreign keys are set on every connection the pool makes, not only the first.
          afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
            connection.exec("pragma journal_mode = WAL; pragma busy_timeout = 5000; pragma foreign_keys = on;", (error) => done(error, connection));
          },
        },
      };
    case "postgresql":
      return {
        driver: PostgreSqlDriver,
        clientUrl: target.location,
        pool: serverPool(pool),
        driverOptions: { connection: { connectionTimeoutMillis: connectTimeout } },
      };
    case "mysql":
      return { driver: MySqlDriver, clientUrl: target.location, pool: serverPool(pool), driverOptions: { connection: { connectTimeout } } };
    case "mariadb":
      return {
        driver: MariaDbDriver,
        clientUrl: target.location,
        pool: serverPool(pool),
        // The connector would list query parameters in its error messages.
        driverOptions: { connection: { logParam: false, connectTimeout } },
      };
  }
}

/**
 * MikroORM options for a database (by default the one in DATABASE_URL).
 * A fresh object each call: the adapter rewrites the `entities` array it is given.
 */
export function createOrmConfig(target: DatabaseTarget = getDatabaseTarget(), pool: DatabasePoolSettings = getDatabasePool()): Options {
  const dialect = migrationDialect(target.dialect);
  return {
    ...driverOptions(target, pool),
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
