import "server-only";
import { raw, type FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { z } from "zod";
import { getEnv } from "@/config/env";
import { ROLES, type Role } from "@/config/roles";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { decodeCursor, keysetPage, keysetQuery, type KeysetPage } from "@/lib/db/keyset";
import { getEm } from "@/lib/db/orm";
import { emailSignInEnabled } from "@/lib/auth/providers";
import { banApplies } from "./ban";
import { idSchema, singleLineText } from "@/lib/input";

/** Reading users for the admin pages, the users API and sign-in. Changes are in ./changes.ts. */

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
  /** Set only while a ban applies (an ended timed ban shows as none). */
  bannedAt: Date | null;
  bannedUntil: Date | null;
  banReason: string | null;
}

export const USERS_PAGE_SIZE = 25;

const listParamsSchema = z.object({
  q: singleLineText(100).optional().catch(undefined),
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
function prefixUpperBound(prefix: string): string | null {
  const codePoints = [...prefix];
  // U+10FFFF has no successor: drop it and raise the character before it.
  while (codePoints.at(-1)?.codePointAt(0) === 0x10ffff) codePoints.pop();
  const last = codePoints.pop();
  if (last === undefined) return null;
  let next = last.codePointAt(0)! + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  return codePoints.join("") + String.fromCodePoint(next);
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
    const upper = prefixUpperBound(prefix);
    return { [property]: upper === null ? { $gte: prefix } : { $gte: prefix, $lt: upper } };
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
  // Stored emails and names for search are lower case and NFC (normalizeEmail, User.normaliseForSearch).
  const search = query.search?.trim().normalize("NFC").toLowerCase();
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
  const providers = await providersByUser(
    em,
    page.items.map((user) => user.id),
  );
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
  if (!idSchema.safeParse(id).success) return null;
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
    // Sign-in links to a verified address are a way in of their own, with no account row (as /account lists them).
    providers: [...(providers.get(user.id) ?? []), ...(user.email && user.emailVerified && emailSignInEnabled() ? ["email"] : [])],
    createdAt: user.createdAt,
    lastActiveAt: user.lastActiveAt ?? null,
    ...(banApplies(user.bannedAt, user.bannedUntil)
      ? { bannedAt: user.bannedAt ?? null, bannedUntil: user.bannedUntil ?? null, banReason: user.banReason ?? null }
      : { bannedAt: null, bannedUntil: null, banReason: null }),
  };
}

async function providersByUser(em: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const accounts = await em.find(Account, { user: { $in: userIds } }, { fields: ["provider", "user"], orderBy: { provider: "asc" } });
  for (const account of accounts) {
    const list = byUser.get(account.user.id) ?? [];
    if (!list.includes(account.provider)) list.push(account.provider);
    byUser.set(account.user.id, list);
  }
  return byUser;
}

/** Why a user may not sign in, or null if they may. */
export async function findBan(userId: string): Promise<{ reason: string | null; until: Date | null } | null> {
  const em = await getEm();
  const user = await em.findOne(User, { id: userId }, { fields: ["bannedAt", "bannedUntil", "banReason"] });
  return user && banApplies(user.bannedAt, user.bannedUntil) ? { reason: user.banReason ?? null, until: user.bannedUntil ?? null } : null;
}

/** A user's role, or null if there is no such user. */
export async function findUserRole(userId: string): Promise<Role | null> {
  if (!idSchema.safeParse(userId).success) return null;
  const em = await getEm();
  return (await em.findOne(User, { id: userId }, { fields: ["role"] }))?.role ?? null;
}

/** How many users hold each role (one grouped count, by the role index). */
export async function countUsersByRole(): Promise<Record<Role, number>> {
  const em = await getEm();
  const rows: { role: string; count: number | string }[] = await em
    .createQueryBuilder(User)
    .select(["role", raw("count(*) as count")])
    .groupBy("role")
    .execute();
  const counts = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  for (const row of rows) if (row.role in counts) counts[row.role as Role] = Number(row.count);
  return counts;
}
