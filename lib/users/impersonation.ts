import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/knex";
import { ADMIN_ROLE } from "@/config/roles";
import { Session } from "@/entities/Session";
import type { User } from "@/entities/User";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { requestOrigin } from "@/lib/auth/request-origin";
import { hashSessionToken } from "@/lib/auth/session-token";
import { getEm } from "@/lib/db/orm";
import { banApplies } from "./ban";
import { changeUser } from "./change-user";
import { UserActionError } from "./errors";
import { userLabel } from "./label";

/**
 * Impersonation ("view as"), for support. It makes a separate session for
 * the viewed user that records who is viewing (Session.impersonator) and
 * from which session of theirs. The browser keeps its cookie: its token
 * moves to the new session, and the impersonator's own session, untouched
 * otherwise, waits without one. When the impersonation ends (stop, its time
 * is up, the impersonator is banned or loses the permission) the token moves
 * back, so the impersonator's session is back as it was. Everything happens
 * in the database, so it holds across instances.
 */
export const IMPERSONATION_MINUTES = 30;

/** A token hash no cookie can match: the waiting session's, while its token is lent out. */
const waitingTokenHash = () => `waiting:${hashSessionToken(randomBytes(32).toString("base64url")).slice(8)}`;

/** Starts viewing as `targetId`, from the impersonator's session `sessionId`. Audited. */
export async function startImpersonation(targetId: string, actor: Actor & { id: string }, sessionId: string): Promise<string> {
  const { userAgent, ip } = await requestOrigin();
  return changeUser(targetId, actor, "users:impersonate", async (em, target) => {
    if (target.id === actor.id) throw new UserActionError("You are already yourself.");
    if (target.role === ADMIN_ROLE) throw new UserActionError("Admins cannot be viewed as: ask them instead.");
    if (banApplies(target.bannedAt, target.bannedUntil)) throw new UserActionError(`${userLabel(target)} is banned: unban them first.`);
    const own = await em.findOne(Session, { id: sessionId, user: actor.id, impersonator: null });
    if (!own) throw new UserActionError("Your session has ended: sign in again.");
    const tokenHash = own.tokenHash;
    await em.nativeUpdate(Session, { id: own.id }, { tokenHash: waitingTokenHash() });
    const now = new Date();
    await em.insert(Session, {
      id: randomUUID(),
      user: target.id,
      tokenHash,
      expires: new Date(now.getTime() + IMPERSONATION_MINUTES * 60_000),
      createdAt: now,
      lastSeenAt: now,
      // Proves nothing: sensitive actions are refused while impersonating anyway.
      authenticatedAt: new Date(0),
      userAgent,
      ip,
      method: "impersonation",
      impersonator: actor.id,
      impersonatorSession: own.id,
    });
    audit(em, actor, target, "impersonate_start");
    return `You are viewing the app as ${userLabel(target)} for up to ${IMPERSONATION_MINUTES} minutes.`;
  });
}

/**
 * Ends the impersonation session `sessionId`: deletes it and gives its token
 * back to the impersonator's session. Audited. Returns whether that session
 * still existed to take the token (a ban deletes it).
 */
export async function endImpersonation(sessionId: string, how: "stopped" | "ended" = "stopped"): Promise<boolean> {
  const em = await getEm();
  return em.transactional(async (tx) => {
    const session = await tx.findOne(Session, { id: sessionId, impersonator: { $ne: null } }, { populate: ["user", "impersonator"] });
    if (!session) return false;
    return giveTokenBack(tx, session, how);
  });
}

/** Ends every impersonation of `userId` (before their sessions are deleted: a ban, say), handing the tokens back. */
export async function endImpersonationsOf(em: EntityManager, userId: string): Promise<void> {
  const sessions = await em.find(Session, { user: userId, impersonator: { $ne: null } }, { populate: ["user", "impersonator"] });
  for (const session of sessions) await giveTokenBack(em, session, "ended");
}

async function giveTokenBack(em: EntityManager, session: Session, how: "stopped" | "ended"): Promise<boolean> {
  const tokenHash = session.tokenHash;
  const waiting = session.impersonatorSession?.id;
  await em.nativeDelete(Session, { id: session.id });
  const resumed = waiting ? (await em.nativeUpdate(Session, { id: waiting }, { tokenHash })) > 0 : false;
  const impersonator = session.impersonator!;
  const actor = { id: impersonator.id, email: impersonator.email ?? null, ip: (await requestOrigin()).ip };
  recordAudit(em, {
    actor,
    targetId: session.user.id,
    targetEmail: session.user.email ?? null,
    action: "impersonate_stop",
    before: null,
    after: { how },
  });
  await em.flush();
  return resumed;
}

function audit(em: EntityManager, actor: Actor, target: User, action: "impersonate_start"): void {
  recordAudit(em, {
    actor,
    targetId: target.id,
    targetEmail: target.email ?? null,
    action,
    before: null,
    after: { minutes: IMPERSONATION_MINUTES },
  });
}
