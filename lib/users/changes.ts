import "server-only";
import type { EntityManager } from "@mikro-orm/knex";
import { ADMIN_ROLE, isRole, ROLES } from "@/config/roles";
import type { AuditAction, AuditState } from "@/entities/AuditLog";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { getEm } from "@/lib/db/orm";
import { banApplies } from "./ban";
import { changeUser } from "./change-user";
import { endImpersonationsOf } from "./impersonation";
import { normalizeEmail } from "./email";
import { describeUserAgent } from "./user-agent";
import { UserActionError } from "./errors";
import { userLabel } from "./label";

/**
 * Changing users: roles, bans, sessions, deletion. Each change runs in one
 * transaction with its audit record, under the last-admin rule.
 */

function snapshot(user: User): AuditState {
  return {
    role: user.role,
    banned: banApplies(user.bannedAt, user.bannedUntil),
    bannedUntil: user.bannedUntil ? user.bannedUntil.toISOString() : null,
    banReason: user.banReason ?? null,
  };
}

function isActiveAdmin(user: User): boolean {
  return user.role === ADMIN_ROLE && !banApplies(user.bannedAt, user.bannedUntil);
}

function assertAnotherAdminRemains(target: User, admins: User[], what: string): void {
  if (!isActiveAdmin(target)) return;
  if (admins.some((admin) => admin.id !== target.id && isActiveAdmin(admin))) return;
  throw new UserActionError(`${userLabel(target)} is the last admin and cannot be ${what}. Make another user admin first.`);
}

function audit(
  em: EntityManager,
  actor: Actor,
  target: User,
  action: AuditAction,
  before: AuditState | null,
  after: AuditState | null,
): void {
  recordAudit(em, { actor, targetId: target.id, targetEmail: target.email ?? null, action, before, after });
}

/** Gives a user a role. Refused for an unknown role, or if it would leave no admin. */
export async function setUserRole(targetId: string, role: string, actor: Actor): Promise<string> {
  if (!isRole(role)) throw new UserActionError(`"${role}" is not a role. Roles: ${ROLES.join(", ")}.`);
  return changeUser(targetId, actor, "users:set-role", async (em, target, admins) => {
    if (target.id === actor.id && role === ADMIN_ROLE) throw new UserActionError("You cannot promote yourself. Ask another admin.");
    if (target.role === role) return `${userLabel(target)} is already ${role}.`;
    if (role !== ADMIN_ROLE) assertAnotherAdminRemains(target, admins, "demoted");
    const before = snapshot(target);
    target.role = role;
    audit(em, actor, target, "role_change", before, snapshot(target));
    return `${userLabel(target)} is now ${role}.`;
  });
}

/** The same, by email: for the command line. */
export async function setUserRoleByEmail(email: string, role: string, actor: Actor): Promise<string> {
  if (!isRole(role)) throw new UserActionError(`"${role}" is not a role. Roles: ${ROLES.join(", ")}.`);
  const em = await getEm();
  const user = await em.findOne(User, { email: normalizeEmail(email) });
  if (!user) {
    throw new UserActionError(`No user has the email ${email}. They must sign in once before they can be given a role.`);
  }
  return setUserRole(user.id, role, actor);
}

function refuseSelf(target: User, actor: Actor, what: string): void {
  if (actor.id === target.id) throw new UserActionError(`You cannot ${what} yourself. Ask another admin.`);
}

/** Bans a user: signs them out everywhere at once, and stops them signing in again. */
export interface Ban {
  reason: string | null;
  /** When the ban ends by itself; null for until an admin lifts it. */
  until: Date | null;
}

export async function banUser(targetId: string, { reason, until }: Ban, actor: Actor): Promise<string> {
  return changeUser(targetId, actor, "users:ban", async (em, target, admins) => {
    refuseSelf(target, actor, "ban");
    assertAnotherAdminRemains(target, admins, "banned");
    const before = snapshot(target);
    target.bannedAt = new Date();
    target.bannedUntil = until;
    target.banReason = reason?.trim() || null;
    await endImpersonationsOf(em, target.id);
    await em.nativeDelete(Session, { user: target.id });
    audit(em, actor, target, "ban", before, snapshot(target));
    return `${userLabel(target)} is banned${until ? ` until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""} and signed out everywhere.`;
  });
}

export async function unbanUser(targetId: string, actor: Actor): Promise<string> {
  return changeUser(targetId, actor, "users:ban", async (em, target) => {
    refuseSelf(target, actor, "unban");
    if (!banApplies(target.bannedAt, target.bannedUntil)) return `${userLabel(target)} is not banned.`;
    const before = snapshot(target);
    target.bannedAt = null;
    target.bannedUntil = null;
    target.banReason = null;
    audit(em, actor, target, "unban", before, snapshot(target));
    return `${userLabel(target)} can sign in again.`;
  });
}

/** Deletes every session of a user: they are signed out on every device. */
export async function signOutEverywhere(targetId: string, actor: Actor): Promise<string> {
  return changeUser(targetId, actor, "sessions:revoke", async (em, target) => {
    await endImpersonationsOf(em, target.id);
    const ended = await em.nativeDelete(Session, { user: target.id });
    audit(em, actor, target, "sign_out_everywhere", { sessions: ended }, { sessions: 0 });
    return `${userLabel(target)} is signed out everywhere (${ended} ${ended === 1 ? "session" : "sessions"} ended).`;
  });
}

/** Ends one session of a user: that device must sign in again. */
export async function endUserSession(targetId: string, sessionId: string, actor: Actor): Promise<string> {
  return changeUser(targetId, actor, "sessions:revoke", async (em, target) => {
    // The user's own sessions, as their page lists them; a view-as session ends by its viewer's stop, or a ban.
    const session = await em.findOne(Session, { id: sessionId, user: target.id, impersonator: null }, { fields: ["userAgent", "ip"] });
    if (!session) throw new UserActionError("That session has already ended.");
    await em.nativeDelete(Session, { id: sessionId });
    audit(em, actor, target, "end_session", { session: sessionId, device: describeUserAgent(session.userAgent), ip: session.ip }, null);
    return `One session of ${userLabel(target)} has ended.`;
  });
}

/** Deletes a user with their accounts and sessions (the foreign keys cascade). */
export async function deleteUser(targetId: string, actor: Actor): Promise<string> {
  return changeUser(targetId, actor, "users:delete", async (em, target, admins) => {
    refuseSelf(target, actor, "delete");
    assertAnotherAdminRemains(target, admins, "deleted");
    audit(em, actor, target, "delete", { ...snapshot(target), name: target.name ?? null }, null);
    await endImpersonationsOf(em, target.id);
    await em.nativeDelete(User, { id: target.id });
    return `${userLabel(target)} is deleted.`;
  });
}
