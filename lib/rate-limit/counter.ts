import "server-only";
import { createHash } from "node:crypto";
import type { Knex } from "@mikro-orm/knex";
import type { DatabaseDialect } from "@/config/database-url";
import { getDatabaseTarget } from "@/config/env";
import { RateLimit } from "@/entities/RateLimit";
import { getKnex, getOrm } from "@/lib/db/orm";
import { changedRowsOf, firstRowOf, type Statement } from "@/lib/db/prepared-query";

/**
 * Fixed-window counters in the database, counted atomically by one upsert
 * per hit: a new window starts at 1, a current one goes up by one. Every
 * instance of the app shares them. Old windows are purged now and then.
 */

interface CounterStatements {
  knex: Knex;
  dialect: DatabaseDialect;
  hit: Statement;
  read: Statement;
  purge: Statement;
}

let statements: CounterStatements | undefined;

async function counterStatements(): Promise<CounterStatements> {
  if (statements) return statements;
  const knex = await getKnex();
  const dialect = getDatabaseTarget().dialect;
  const meta = (await getOrm()).getMetadata().get(RateLimit.name);
  const column = (property: string): string => meta.properties[property]!.fieldNames[0]!;
  const [table, key, start, count] = [meta.tableName, column("limitKey"), column("windowStart"), column("count")];
  const native = (sql: string, bindings: unknown[]) => knex.raw(sql, bindings as Knex.RawBinding[]).toSQL().toNative().sql;
  const mysql = dialect === "mysql" || dialect === "mariadb";
  // Placeholders: key, now, window edge, window edge. MySQL evaluates the assignments in order, each seeing the old start.
  const hit = mysql
    ? native(
        "insert into ?? (??, ??, ??) values (?, ?, 1) on duplicate key update ?? = if(?? <= ?, 1, ?? + 1), ?? = if(?? <= ?, values(??), ??)",
        [table, key, start, count, "", "", count, start, "", count, start, start, "", start, start],
      )
    : native(
        "insert into ?? (??, ??, ??) values (?, ?, 1) on conflict (??) do update set " +
          "?? = case when ??.?? <= ? then 1 else ??.?? + 1 end, ?? = case when ??.?? <= ? then excluded.?? else ??.?? end " +
          "returning ?? as ??, ?? as ??",
        [
          table, key, start, count, "", "", key,
          count, table, start, "", table, count,
          start, table, start, "", start, table, start,
          count, "count", start, "windowStart",
        ],
      );
  statements = {
    knex,
    dialect,
    hit: { name: "rate-limit-hit", sql: hit },
    read: { name: "rate-limit-read", sql: native("select ?? as ??, ?? as ?? from ?? where ?? = ?", [count, "count", start, "windowStart", table, key, ""]) },
    purge: { name: "rate-limit-purge", sql: native("delete from ?? where ?? < ?", [table, start, ""]) },
  };
  return statements;
}

/** Keys fit the column: a long subject (an email, say) is hashed. */
function counterKey(rule: string, subject: string): string {
  const key = `${rule}:${subject}`;
  return key.length <= 120 ? key : `${rule}:sha256:${createHash("sha256").update(subject).digest("base64url")}`;
}

const DAY_MS = 86_400_000;

/** Counts one use of `rule` by `subject`; returns the count and when its window started. */
export async function countHit(rule: string, subject: string, windowMs: number, now = new Date()): Promise<{ count: number; windowStart: Date }> {
  const { knex, dialect, hit, read, purge } = await counterStatements();
  const key = counterKey(rule, subject);
  const edge = new Date(now.getTime() - windowMs);
  const params = [key, now, edge, edge];
  let row = await firstRowOf<{ count: number | string; windowStart: Date | number | string }>(knex, dialect, hit, params);
  if (dialect === "mysql" || dialect === "mariadb") row = await firstRowOf(knex, dialect, read, [key]);
  if (!row) throw new Error("The rate-limit counter was not written");
  // Purge finished windows about once in a hundred hits: the table stays small, and no hit pays for it all.
  if (Math.random() < 0.01) await changedRowsOf(knex, dialect, purge, [new Date(now.getTime() - DAY_MS)]);
  return { count: Number(row.count), windowStart: new Date(row.windowStart) };
}
