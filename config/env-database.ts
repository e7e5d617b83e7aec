import { z } from "zod";
import { duration, optionalText } from "./env-fields";

/**
 * The connection pool settings of the env schema (./env.ts). Each app
 * process keeps one pool; PostgreSQL, MySQL and MariaDB use these, SQLite
 * always has one connection.
 */

const wholeNumber = (fallback: number, min: number, max: number, meaning: string) =>
  optionalText.transform((value, ctx) => {
    const number = Number(value ?? fallback);
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}: ${meaning}` });
    return z.NEVER;
  });

export const databasePoolFields = {
  DATABASE_POOL_MIN: wholeNumber(0, 0, 100, "connections each app process keeps open when idle"),
  DATABASE_POOL_MAX: wholeNumber(10, 1, 200, "the most connections each app process opens"),
  DATABASE_POOL_TIMEOUT: duration("10s"),
  DATABASE_CONNECT_TIMEOUT: duration("5s"),
  DATABASE_IDLE_TIMEOUT: duration("30s"),
};

export const databasePoolSchema = z.object(databasePoolFields);

export type DatabasePoolSettings = z.output<typeof databasePoolSchema>;

/** The pool's limits agree with each other. */
export function checkDatabasePool(pool: DatabasePoolSettings, ctx: z.RefinementCtx): void {
  if (pool.DATABASE_POOL_MIN > pool.DATABASE_POOL_MAX) {
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_POOL_MIN"],
      message: `is more than DATABASE_POOL_MAX (${pool.DATABASE_POOL_MAX}): lower it, or raise DATABASE_POOL_MAX`,
    });
  }
}
