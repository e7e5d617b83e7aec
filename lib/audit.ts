import "server-only";
import type { EntityManager } from "@mikro-orm/knex";
import { AuditLog, type AuditAction, type AuditState } from "../entities/AuditLog";
import { decodeCursor, keysetPage, keysetQuery, type KeysetPage } from "./cursor";
import { getEm } from "./db";

/** Who made a change: a signed-in admin, or (id and email null) the command line. */
export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  ip: string | null;
  targetId: string;
  targetEmail: string | null;
  action: AuditAction;
  before: AuditState | null;
  after: AuditState | null;
}

/** Adds an audit record to `em`'s unit of work: it is written with the change, in the same transaction. */
export function recordAudit(em: EntityManager, entry: AuditEntry): AuditLog {
  return em.create(AuditLog, {
    actorId: entry.actor.id,
    actorEmail: entry.actor.email,
    targetId: entry.targetId,
    targetEmail: entry.targetEmail,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    ip: entry.ip,
  });
}

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
