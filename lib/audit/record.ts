import "server-only";
import type { EntityManager } from "@mikro-orm/knex";
import { AuditLog, type AuditAction, type AuditState } from "@/entities/AuditLog";
import type { Actor } from "./actor";

export interface AuditEntry {
  actor: Actor;
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
    ip: entry.actor.ip,
    targetId: entry.targetId,
    targetEmail: entry.targetEmail,
    action: entry.action,
    before: entry.before,
    after: entry.after,
  });
}
