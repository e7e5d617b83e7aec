import "server-only";
import type { Knex } from "@mikro-orm/knex";
import type { DatabaseDialect } from "@/config/database-url";

/**
 * Runs SQL straight on a connection from the ORM's own pool, as prepared
 * statements of the database driver. Two reasons, both for the session
 * store (lib/auth/session-store.ts):
 * - cost: the session lookup runs on every signed-in request, and this is a
 *   fraction of a query through MikroORM's execute() (see the README's
 *   performance section);
 * - secrecy: MikroORM writes parameter values into the SQL it sends, so a
 *   failing query's error message would carry a session token into the logs.
 *   Here values are bound by the driver and never appear in an error.
 * Everything else goes through the EntityManager.
 */

type Row = Record<string, unknown>;
type Callback<T> = (error: Error | null, result?: T) => void;

interface SqliteStatement {
  get(...params: unknown[]): Row | undefined;
  run(...params: unknown[]): { changes: number };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface PostgresConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[]; rowCount: number | null }>;
}
interface MySqlConnection {
  execute(sql: string, params: unknown[], callback: Callback<Row[] | { affectedRows: number }>): void;
}

/** The pool knex keeps for MikroORM, as far as this module uses it. */
interface Pool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/** A statement: its SQL in the database's own placeholder style (knex's `toSQL().toNative()`), and a name. */
export interface Statement {
  name: string;
  sql: string;
}

/** What one statement returned: its rows (for a query) and how many rows it changed (for a write). */
interface Outcome {
  rows: Row[];
  changes: number;
}

/** better-sqlite3 prepares a statement per connection; they are kept for the connection's life. */
const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();

/** SQLite stores datetimes as milliseconds (as MikroORM writes them); the other drivers bind a Date. */
function bindable(dialect: DatabaseDialect, params: unknown[]): unknown[] {
  return dialect === "sqlite" ? params.map((value) => (value instanceof Date ? value.getTime() : value)) : params;
}

async function runOn(dialect: DatabaseDialect, connection: unknown, statement: Statement, params: unknown[], read: boolean): Promise<Outcome> {
  switch (dialect) {
    case "sqlite": {
      const statements = sqliteStatements.get(connection as object) ?? new Map<string, SqliteStatement>();
      sqliteStatements.set(connection as object, statements);
      const prepared = statements.get(statement.name) ?? (connection as SqliteConnection).prepare(statement.sql);
      statements.set(statement.name, prepared);
      if (!read) return { rows: [], changes: prepared.run(...params).changes };
      const row = prepared.get(...params);
      return { rows: row ? [row] : [], changes: 0 };
    }
    case "postgresql": {
      // A named query is prepared once per connection by the pg driver.
      const result = await (connection as PostgresConnection).query({ name: statement.name, text: statement.sql, values: params });
      return { rows: result.rows, changes: result.rowCount ?? 0 };
    }
    case "mysql":
    case "mariadb": {
      // execute() prepares and caches the statement per connection in mysql2 and mariadb alike.
      const result = await new Promise<Row[] | { affectedRows: number } | undefined>((resolve, reject) =>
        (connection as MySqlConnection).execute(statement.sql, params, (error, value) => (error ? reject(error) : resolve(value))),
      );
      return Array.isArray(result) ? { rows: result, changes: 0 } : { rows: [], changes: result?.affectedRows ?? 0 };
    }
  }
}

/**
 * A statement's failure, with every parameter value cut out of the driver's
 * message (MariaDB's connector, for one, lists them) and the driver's error
 * left behind, since its properties can hold them too.
 */
export class StatementError extends Error {
  constructor(statement: Statement, error: unknown, params: unknown[]) {
    let message = error instanceof Error ? error.message : String(error);
    for (const value of params) {
      if (typeof value === "string" && value.length > 0) message = message.split(value).join("[value]");
    }
    super(`${statement.name} failed: ${message}`);
    this.name = "StatementError";
  }
}

async function run(knex: Knex, dialect: DatabaseDialect, statement: Statement, params: unknown[], read: boolean): Promise<Outcome> {
  const pool = knex.client as Pool;
  const connection = await pool.acquireConnection();
  try {
    return await runOn(dialect, connection, statement, bindable(dialect, params), read);
  } catch (error) {
    throw new StatementError(statement, error, params);
  } finally {
    await pool.releaseConnection(connection);
  }
}

/** The first row a query returns for `params`, or undefined. */
export async function firstRowOf<T extends object>(knex: Knex, dialect: DatabaseDialect, statement: Statement, params: unknown[]): Promise<T | undefined> {
  return (await run(knex, dialect, statement, params, true)).rows[0] as T | undefined;
}

/** Runs a write (insert, update, delete); returns how many rows it changed. */
export async function changedRowsOf(knex: Knex, dialect: DatabaseDialect, statement: Statement, params: unknown[]): Promise<number> {
  return (await run(knex, dialect, statement, params, false)).changes;
}
