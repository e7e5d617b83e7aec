import "server-only";
import { AuditLog } from "@/entities/AuditLog";
import { decodeCursor, keysetPage, keysetQuery, type KeysetPage } from "@/lib/db/keyset";
import { getEm } from "@/lib/db/orm";

export interface AuditListQuery {
  targetId?: string;
  cursor?: string;
  limit?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** Audit records, newest first, optionally for one target user; keyset-paginated. */
export async function listAuditLog(query: AuditListQuery = {}): Promise<KeysetPage<AuditLog>> {
  const em = await getEm();
  const limit = Math.min(Math.max(query.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const { where, orderBy } = keysetQuery(cursor, true);
  const rows = await em.find(
    AuditLog,
    { $and: [query.targetId ? { targetId: query.targetId } : {}, where] },
    { orderBy, limit: limit + 1 },
  );
  return keysetPage(rows, limit, cursor);
}
