/**
 * Keyset pagination cursors: the (createdAt, id) of the row a page starts
 * after, and which way to read. Opaque to the browser; a malformed one reads
 * as "no cursor" (the first page) rather than an error.
 */
export interface Cursor {
  createdAt: Date;
  id: string;
  direction: "next" | "previous";
}

export function encodeCursor(cursor: Cursor): string {
  const raw = `${cursor.direction === "next" ? "n" : "p"}.${cursor.createdAt.getTime()}.${cursor.id}`;
  return Buffer.from(raw).toString("base64url");
}

/** The last millisecond of year 9999: later dates are out of range for the databases (and for a real row). */
const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function decodeCursor(value: string): Cursor | null {
  const match = /^([np])\.(\d{1,15})\.([\w-]{1,64})$/.exec(Buffer.from(value, "base64url").toString());
  if (!match || Number(match[2]) > LATEST_TIME) return null;
  return { direction: match[1] === "n" ? "next" : "previous", createdAt: new Date(Number(match[2])), id: match[3]! };
}

interface Keyed {
  createdAt: Date;
  id: string;
}

/**
 * How to query one keyset page: rows after the cursor in (createdAt, id)
 * order. Reading backwards (towards the first page) flips the order.
 */
export function keysetQuery(cursor: Cursor | null, newestFirst: boolean) {
  const descending = newestFirst !== (cursor?.direction === "previous");
  const beyond = descending ? "$lt" : "$gt";
  return {
    where: cursor
      ? { $or: [{ createdAt: { [beyond]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [beyond]: cursor.id } }] }
      : {},
    orderBy: { createdAt: descending ? "desc" : "asc", id: descending ? "desc" : "asc" } as const,
  };
}

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

/** Turns the rows of a keysetQuery (fetched with limit + 1) into a page and its neighbours' cursors. */
export function keysetPage<T extends Keyed>(rows: T[], limit: number, cursor: Cursor | null): KeysetPage<T> {
  const backwards = cursor?.direction === "previous";
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  const moreAfter = backwards ? Boolean(cursor) : hasMore;
  const moreBefore = backwards ? hasMore : Boolean(cursor);
  return {
    items,
    nextCursor: moreAfter && last ? encodeCursor({ createdAt: last.createdAt, id: last.id, direction: "next" }) : null,
    previousCursor: moreBefore && first ? encodeCursor({ createdAt: first.createdAt, id: first.id, direction: "previous" }) : null,
  };
}
