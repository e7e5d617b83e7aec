import { randomUUID } from "node:crypto";
import { Entity, Index, PrimaryKey, Property, type Opt } from "@mikro-orm/core";

export const AUDIT_ACTIONS = [
  "role_change",
  "ban",
  "unban",
  "sign_out_everywhere",
  "end_session",
  "delete",
  "admin_access_refused",
  "claim_address",
  "impersonate_start",
  "impersonate_stop",
  "impersonated_action",
  "passkey_added",
  "passkey_removed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audited field looked like before or after the change. */
export type AuditState = Record<string, string | number | boolean | null>;

/**
 * One admin action, written in the same transaction as the change it
 * records. Actor and target are copied (id and email), not foreign keys, so
 * the record outlives a deleted user.
 */
@Index({ properties: ["targetId", "createdAt"] })
@Entity({ tableName: "audit_log" })
export class AuditLog {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  /** Millisecond precision (MySQL would keep only seconds), so the log stays in order. */
  @Property({ type: "datetime", length: 3 })
  @Index()
  createdAt: Opt<Date> = new Date();

  /** Null when the change came from the command line (`npm run user:role`). */
  @Property({ type: "string", length: 36, nullable: true })
  actorId: string | null = null;

  @Property({ type: "string", nullable: true })
  actorEmail: string | null = null;

  @Property({ type: "string", length: 36 })
  targetId!: string;

  @Property({ type: "string", nullable: true })
  targetEmail: string | null = null;

  /** One of AUDIT_ACTIONS; a plain column, like User.role. */
  @Property({ type: "string", length: 32 })
  action!: AuditAction;

  @Property({ type: "json", nullable: true })
  before: AuditState | null = null;

  @Property({ type: "json", nullable: true })
  after: AuditState | null = null;

  @Property({ type: "string", length: 64, nullable: true })
  ip: string | null = null;

  /** Who was viewing the app as the actor (impersonation), when someone was: both identities are recorded. */
  @Property({ type: "string", length: 36, nullable: true })
  impersonatorId: string | null = null;
}
