import type { Options } from "@mikro-orm/core";
import { MariaDbDriver } from "@mikro-orm/mariadb";
import { MySqlDriver } from "@mikro-orm/mysql";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { SqliteDriver } from "@mikro-orm/sqlite";
import type { DatabaseTarget } from "./database-url";
import type { DatabasePoolSettings } from "./env";

/**
 * The driver and connection pool for a database: the part of MikroORM's
 * options that knows nothing of the entities (config/mikro-orm.ts adds them).
 */

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

export function driverOptions(target: DatabaseTarget, pool: DatabasePoolSettings): Options {
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
            connection.exec("pragma journal_mode = WAL; pragma busy_timeout = 5000; pragma foreign_keys = on;", (error) =>
              done(error, connection),
            );
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
