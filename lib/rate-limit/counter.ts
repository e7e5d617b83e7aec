import "server-only";
import { createHash } from "node:crypto";
import { raw } from "@mikro-orm/core";
import { RateLimit } from "@/entities/RateLimit";
import { getEm } from "@/lib/db/orm";

/**
 * Fixed-window counters in the database, counted atomically by one upsert
 * per hit (MikroORM's insert ... on conflict merge): a new window starts at
 * 1, a current one goes up by one. Every instance of the app shares them.
 * Old windows are purged now and then.
 */

/** Keys fit the column: a long subject (an email, say) is hashed. */
function counterKey(rule: string, subject: string): string {
  const key = `${rule}:${subject}`;
  return key.length <= 120 ? key : `${rule}:sha256:${createHash("sha256").update(subject).digest("base64url")}`;
}

const DAY_MS = 86_400_000;

/** Counts one use of `rule` by `subject`; returns the count and when its window started. */
export async function countHit(
  rule: string,
  subject: string,
  windowMs: number,
  now = new Date(),
): Promise<{ count: number; windowStart: Date }> {
  const em = await getEm();
  const limitKey = counterKey(rule, subject);
  const platform = em.getPlatform();
  // Dates in raw SQL are bound as each database stores them (SQLite: milliseconds).
  const [edge, start] = [new Date(now.getTime() - windowMs), now].map((date) => platform.processDateProperty(date));
  const meta = em.getMetadata(RateLimit);
  // Qualified with the table: PostgreSQL finds a bare column name ambiguous in ON CONFLICT DO UPDATE.
  const column = (property: keyof RateLimit) => `${meta.tableName}.${meta.properties[property].fieldNames[0]}`;
  // Both expressions read the row as it was: MySQL applies the assignments in order, so the window is updated last.
  const upsert = em
    .createQueryBuilder(RateLimit)
    .insert({ limitKey, windowStart: now, count: 1 })
    .onConflict("limitKey")
    .merge({
      count: raw(`case when ?? <= ? then 1 else ?? + 1 end`, [column("windowStart"), edge, column("count")]),
      windowStart: raw(`case when ?? <= ? then ? else ?? end`, [column("windowStart"), edge, start, column("windowStart")]),
    });
  const returned = platform.usesReturningStatement();
  if (returned) upsert.returning(["count", "windowStart"]);
  const written = (await upsert.execute("get", true)) as Partial<RateLimit> | undefined;
  const row = returned
    ? written
    : await em.findOne(RateLimit, { limitKey }, { fields: ["count", "windowStart"], disableIdentityMap: true });
  if (!row?.count || !row.windowStart) throw new Error("The rate-limit counter was not written");
  // Purge finished windows about once in a hundred hits: the table stays small, and no hit pays for it all.
  if (Math.random() < 0.01) await em.nativeDelete(RateLimit, { windowStart: { $lt: new Date(now.getTime() - DAY_MS) } });
  return { count: Number(row.count), windowStart: new Date(row.windowStart) };
}
