import "server-only";
import { DeadlockException, LockMode, LockWaitTimeoutException, type FilterQuery } from "@mikro-orm/core";
import { z } from "zod";
import type { EntityManager } from "@mikro-orm/knex";
import { Account } from "../entities/Account";
import type { AuditAction, AuditState } from "../entities/AuditLog";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import { recordAudit, type AuditActor } from "./audit";
import { decodeCursor, keysetPage, keysetQuery, type KeysetPage } from "./cursor";
import { getEm } from "./db";
import { getEnv } from "./env";
import { ADMIN_ROLE, DEFAULT_ROLE, isRole, ROLES, type Role } from "./roles";

/**
 * The role a user gets when their account is created: admin for an address
 * listed in ADMIN_EMAILS (how the first admin is made), otherwise the default.
 * Never anything a provider's profile says.
 */
export function roleForNewUser(email: string | null | undefined): Role {
  const admins = getEnv().ADMIN_EMAILS;
  return email && admins.includes(email.trim().toLowerCase()) ? ADMIN_ROLE : DEFAULT_ROLE;
}

/** A refusal the admin should read: the change was not made. */
export class UserActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserActionError";
  }
}

export const USER_SORTS = ["newest", "oldest"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export interface UserListQuery {
  /** Matches the start of the email or of the name, ignoring case. */
  search?: string;
  role?: Role;
  sort?: UserSort;
  /** From a previous page's `nextCursor` or `previousCursor`. */
  cursor?: string;
  limit?: number;
}

export interface UserListItem {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  providers: string[];
  createdAt: Date;
  lastActiveAt: Date | null;
  bannedAt: Date | null;
  banReason: string | null;
}

export const USERS_PAGE_SIZE = 25;

const listParamsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  sort: z.enum(USER_SORTS).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

/**
 * The list query from URL parameters (the users page and the users API):
 * a value that makes no sense is dropped rather than failing the page.
 */
export function parseUserListParams(params: Record<string, string | string[] | undefined>): UserListQuery {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = listParamsSchema.parse({
    q: first(params.q) || undefined,
    role: first(params.role) || undefined,
    sort: first(params.sort) || undefined,
    cursor: first(params.cursor) || undefined,
  });
  return { search: parsed.q, role: parsed.role, sort: parsed.sort, cursor: parsed.cursor };
}

/**
 * The smallest string greater than every string that starts with `prefix`
 * (in code point order): `prefix <= s < upper` selects by prefix using an index.
 */
function prefixUpperBound(prefix: string): string {
  const codePoints = [...prefix];
  const last = codePoints.pop()!;
  return codePoints.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * An index-friendly "starts with" condition. SQLite compares bytes, so a range
 * works; its LIKE ignores case and cannot use our index. PostgreSQL (with the
 * "C" collation set on these columns by the migration) and MySQL use LIKE.
 */
function startsWith(property: "email" | "nameSearch", prefix: string): FilterQuery<User> {
  if (getEnv().DATABASE_URL.dialect === "sqlite") {
    return { [property]: { $gte: prefix, $lt: prefixUpperBound(prefix) } };
  }
  return { [property]: { $like: `${escapeLike(prefix)}%` } };
}

/**
 * One page of users, newest (or oldest) first, with keyset pagination: every
 * page is an index range read, however deep, and nothing counts all rows.
 */
export async function listUsers(query: UserListQuery = {}): Promise<KeysetPage<UserListItem>> {
  const em = await getEm();
  const limit = Math.min(Math.max(query.limit ?? USERS_PAGE_SIZE, 1), 100);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const { where, orderBy } = keysetQuery(cursor, (query.sort ?? "newest") === "newest");
  const search = query.search?.trim().toLowerCase();
  const rows = await em.find(
    User,
    {
      $and: [
        search ? { $or: [startsWith("email", search), startsWith("nameSearch", search)] } : {},
        query.role ? { role: query.role } : {},
        where,
      ],
    },
    { orderBy, limit: limit + 1 },
  );
  const page = keysetPage(rows, limit, cursor);
  const providers = await providersByUser(em, page.items.map((user) => user.id));
  return {
    ...page,
    items: page.items.map((user) => toListItem(user, providers)),
  };
}

export interface UserDetail extends UserListItem {
  sessionCount: number;
}

/** One user for the admin's user page, or null if there is none. */
export async function getUserDetail(id: string): Promise<UserDetail | null> {
  const em = await getEm();
  const user = await em.findOne(User, { id });
  if (!user) return null;
  const [providers, sessionCount] = await Promise.all([
    providersByUser(em, [user.id]),
    em.count(Session, { user: user.id, expires: { $gt: new Date() } }),
  ]);
  return { ...toListItem(user, providers), sessionCount };
}

function toListItem(user: User, providers: Map<string, string[]>): UserListItem {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    role: user.role,
    providers: providers.get(user.id) ?? [],
    createdAt: user.createdAt,
    lastActiveAt: user.lastActiveAt ?? null,
    bannedAt: user.bannedAt ?? null,
    banReason: user.banReason ?? null,
  };
}

async function providersByUser(em: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const accounts = await em.find(
    Account,
    { user: { $in: userIds } },
    { fields: ["provider", "user"], orderBy: { provider: "asc" } },
  );
  for (const account of accounts) {
    const list = byUser.get(account.user.id) ?? [];
    if (!list.includes(account.provider)) list.push(account.provider);
    byUser.set(account.user.id, list);
  }
  return byUser;
}

/** Who did it and from where, for the audit log. */
export interface ChangeContext {
  actor: AuditActor;
  ip: string | null;
}

function snapshot(user: User): AuditState {
  return {
    role: user.role,
    banned: Boolean(user.bannedAt),
    banReason: user.banReason ?? null,
  };
}

function labelOf(user: User): string {
  return user.email ?? user.name ?? user.id;
}

function isActiveAdmin(user: User): boolean {
  return user.role === ADMIN_ROLE && !user.bannedAt;
}

/**
 * Runs an admin change in one transaction that first locks every admin row
 * (always in id order, so two changes cannot deadlock on them), so two
 * concurrent changes cannot both see "another admin remains" and together
 * remove the last one. SQLite has no row locks; a write to the admin rows
 * takes its database write lock instead. A transaction the database chose
 * as a deadlock victim is retried.
 */
async function changeUser<T>(
  targetId: string,
  work: (em: EntityManager, target: User, admins: User[]) => Promise<T>,
): Promise<T> {
  const sqlite = getEnv().DATABASE_URL.dialect === "sqlite";
  const lock = sqlite ? {} : { lockMode: LockMode.PESSIMISTIC_WRITE as const };
  for (let attempt = 1; ; attempt++) {
    const em = await getEm();
    try {
      return await em.transactional(async (tx) => {
        if (sqlite) await tx.nativeUpdate(User, { role: ADMIN_ROLE }, { role: ADMIN_ROLE });
        const admins = await tx.find(User, { role: ADMIN_ROLE }, { ...lock, orderBy: { id: "asc" } });
        const target =
          admins.find((admin) => admin.id === targetId) ?? (await tx.findOne(User, { id: targetId }, lock));
        if (!target) throw new UserActionError("That user no longer exists.");
        return work(tx, target, admins);
      });
    } catch (error) {
      const retryable = error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
      if (!retryable || attempt >= 3) throw error;
    }
  }
}

function assertAnotherAdminRemains(target: User, admins: User[], what: string): void {
  if (!isActiveAdmin(target)) return;
  if (admins.some((admin) => admin.id !== target.id && isActiveAdmin(admin))) return;
  throw new UserActionError(
    `${labelOf(target)} is the last admin and cannot be ${what}. Make another user admin first.`,
  );
}

async function audit(
  em: EntityManager,
  context: ChangeContext,
  target: User,
  action: AuditAction,
  before: AuditState | null,
  after: AuditState | null,
): Promise<void> {
  recordAudit(em, { ...context, targetId: target.id, targetEmail: target.email ?? null, action, before, after });
}

/** Gives a user a role. Refused for an unknown role, or if it would leave no admin. */
export async function setUserRole(targetId: string, role: string, context: ChangeContext): Promise<string> {
  if (!isRole(role)) throw new UserActionError(`"${role}" is not a role. Roles: ${ROLES.join(", ")}.`);
  return changeUser(targetId, async (em, target, admins) => {
    if (target.role === role) return `${labelOf(target)} is already ${role}.`;
    if (role !== ADMIN_ROLE) assertAnotherAdminRemains(target, admins, "demoted");
    const before = snapshot(target);
    target.role = role;
    await audit(em, context, target, "role_change", before, snapshot(target));
    return `${labelOf(target)} is now ${role}.`;
  });
}

/** The same, by email: for the command line. */
export async function setUserRoleByEmail(email: string, role: string, context: ChangeContext): Promise<string> {
  if (!isRole(role)) throw new UserActionError(`"${role}" is not a role. Roles: ${ROLES.join(", ")}.`);
  const em = await getEm();
  const user = await em.findOne(User, { email: email.trim().toLowerCase() });
  if (!user) {
    throw new UserActionError(`No user has the email ${email}. They must sign in once before they can be given a role.`);
  }
  return setUserRole(user.id, role, context);
}

function refuseSelf(target: User, context: ChangeContext, what: string): void {
  if (context.actor.id === target.id) throw new UserActionError(`You cannot ${what} yourself. Ask another admin.`);
}

/** Bans a user: signs them out everywhere at once, and stops them signing in again. */
export async function banUser(targetId: string, reason: string | null, context: ChangeContext): Promise<string> {
  return changeUser(targetId, async (em, target, admins) => {
    refuseSelf(target, context, "ban");
    assertAnotherAdminRemains(target, admins, "banned");
    const before = snapshot(target);
    target.bannedAt = new Date();
    target.banReason = reason?.trim() || null;
    await em.nativeDelete(Session, { user: target.id });
    await audit(em, context, target, "ban", before, snapshot(target));
    return `${labelOf(target)} is banned and signed out everywhere.`;
  });
}

export async function unbanUser(targetId: string, context: ChangeContext): Promise<string> {
  return changeUser(targetId, async (em, target) => {
    if (!target.bannedAt) return `${labelOf(target)} is not banned.`;
    const before = snapshot(target);
    target.bannedAt = null;
    target.banReason = null;
    await audit(em, context, target, "unban", before, snapshot(target));
    return `${labelOf(target)} can sign in again.`;
  });
}

/** Deletes every session of a user: they are signed out on every device. */
export async function signOutEverywhere(targetId: string, context: ChangeContext): Promise<string> {
  return changeUser(targetId, async (em, target) => {
    const ended = await em.nativeDelete(Session, { user: target.id });
    await audit(em, context, target, "sign_out_everywhere", { sessions: ended }, { sessions: 0 });
    return `${labelOf(target)} is signed out everywhere (${ended} ${ended === 1 ? "session" : "sessions"} ended).`;
  });
}

/** Deletes a user with their accounts and sessions (the foreign keys cascade). */
export async function deleteUser(targetId: string, context: ChangeContext): Promise<string> {
  return changeUser(targetId, async (em, target, admins) => {
    refuseSelf(target, context, "delete");
    assertAnotherAdminRemains(target, admins, "deleted");
    await audit(em, context, target, "delete", { ...snapshot(target), name: target.name ?? null }, null);
    await em.nativeDelete(User, { id: target.id });
    return `${labelOf(target)} is deleted.`;
  });
}

/** Why a user may not sign in, or null if they may. */
export async function findBan(userId: string): Promise<{ reason: string | null } | null> {
  const em = await getEm();
  const user = await em.findOne(User, { id: userId }, { fields: ["bannedAt", "banReason"] });
  return user?.bannedAt ? { reason: user.banReason ?? null } : null;
}
