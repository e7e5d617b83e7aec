import "server-only";
import type { Knex } from "@mikro-orm/knex";
import type { DatabaseDialect } from "@/config/database-url";

/**
 * Runs one read query straight on a connection from the ORM's own pool, as a
 * prepared statement of the database driver, skipping knex's and MikroORM's
 * per-query work (query compiling, bindings, logging, promise layers). Only
 * for the query that runs on every signed-in request (the session lookup):
 * measured at a fifth of the cost of the same SQL through MikroORM's
 * execute() (see the README's performance section). Everything else goes
 * through the EntityManager.
 */

type Row = Record<string, unknown>;
type Callback<T> = (error: Error | null, result?: T) => void;

interface SqliteConnection {
  prepare(sql: string): { get(...params: unknown[]): Row | undefined };
}
interface PostgresConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}
interface MySqlConnection {
  execute(sql: string, params: unknown[], callback: Callback<Row[]>): void;
}

/** The pool knex keeps for MikroORM, as far as this module uses it. */
interface Pool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

function callback<T>(run: (done: Callback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result))));
}

/** better-sqlite3 prepares a statement per connection; they are kept for the connection's life. */
const sqliteStatements = new WeakMap<object, Map<string, ReturnType<SqliteConnection["prepare"]>>>();

function firstRow(dialect: DatabaseDialect, connection: unknown, name: string, sql: string, params: unknown[]) {
  switch (dialect) {
    case "sqlite": {
      const sqlite = connection as SqliteConnection;
      const statements = sqliteStatements.get(sqlite) ?? new Map();
      sqliteStatements.set(sqlite, statements);
      const statement = statements.get(name) ?? sqlite.prepare(sql);
      statements.set(name, statement);
      return statement.get(...params);
    }
    case "postgresql":
      // A named query is prepared once per connection by the pg driver.
      return (connection as PostgresConnection).query({ name, text: sql, values: params }).then(({ rows }) => rows[0]);
    case "mysql":
    case "mariadb":
      // execute() prepares and caches the statement per connection in mysql2 and mariadb alike.
      return callback<Row[]>((done) => (connection as MySqlConnection).execute(sql, params, done)).then((rows) => rows?.[0]);
  }
}

/**
 * The first row a query returns for `params`, or undefined. `query.sql` uses
 * the database's own placeholders (knex's `toSQL().toNative()`); `name`
 * identifies the prepared statement.
 */
export async function firstRowOf<T extends object>(
  knex: Knex,
  dialect: DatabaseDialect,
  query: { name: string; sql: string },
  params: unknown[],
): Promise<T | undefined> {
  const pool = knex.client as Pool;
  const connection = await pool.acquireConnection();
  try {
    return (await firstRow(dialect, connection, query.name, query.sql, params)) as T | undefined;
  } finally {
    await pool.releaseConnection(connection);
  }
}
