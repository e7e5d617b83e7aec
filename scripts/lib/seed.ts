import { randomBytes, randomUUID } from "node:crypto";
import type { RequiredEntityData } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { ADMIN_ROLE, DEFAULT_ROLE, ROLES, type Role } from "../../config/roles";
import { Account } from "../../entities/Account";
import { AuditLog, type AuditAction } from "../../entities/AuditLog";
import { Session } from "../../entities/Session";
import { User } from "../../entities/User";
import { hashSessionToken } from "../../lib/auth/session-token";

/**
 * Demo data, written in batches straight through MikroORM (insertMany: no
 * unit of work, one statement per batch), for `npm run db:seed` and the
 * benchmarks. Users are numbered, `user-0000042@<domain>`, so a search for a
 * prefix finds a known handful, and created a minute apart, newest last.
 */

const BATCH = 2_000;

/** Inserts rows `BATCH` at a time. */
export async function insertInBatches<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: RequiredEntityData<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await em.insertMany(entity, rows.slice(start, start + BATCH));
}

export interface DemoSpread {
  /** Every n-th user is an admin (admins are few: every change to users locks them all); 0 for none. */
  adminEvery: number;
  /** Every n-th user has another role than the default or admin (cycling through them); 0 for none. */
  otherRoleEvery: number;
  /** Every n-th user is banned (every other of those until a date); 0 for none. */
  bannedEvery: number;
  /** Every n-th user has a live session; 0 for none. */
  sessionEvery: number;
  /** Whether each role change and ban is recorded in the audit log, as the command line. */
  audited: boolean;
}

/** What most users are like: a few admins and other roles, some bans, some signed in. */
export const DEMO_SPREAD: DemoSpread = { adminEvery: 1000, otherRoleEvery: 20, bannedEvery: 50, sessionEvery: 10, audited: true };
/** Plain users with one account each: the benchmarks' filler. */
export const PLAIN: DemoSpread = { adminEvery: 0, otherRoleEvery: 0, bannedEvery: 0, sessionEvery: 0, audited: false };

const PROVIDERS = ["github", "google", "local"];

/** Users numbered `from` to `from + count - 1`, each with one provider account, spread as `spread` says. */
export async function seedUsers(
  em: EntityManager,
  from: number,
  count: number,
  domain: string,
  spread: DemoSpread,
  now = new Date(),
): Promise<void> {
  const others = ROLES.filter((role) => role !== DEFAULT_ROLE && role !== ADMIN_ROLE);
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const users = [];
    const accounts = [];
    const sessions = [];
    const audit: RequiredEntityData<AuditLog>[] = [];
    for (let offset = 0; offset < size; offset++) {
      const index = from + start + offset;
      const number = String(index).padStart(7, "0");
      const role: Role =
        spread.adminEvery && index % spread.adminEvery === 1
          ? ADMIN_ROLE
          : spread.otherRoleEvery && others.length > 0 && index % spread.otherRoleEvery === 2
            ? others[index % others.length]!
            : DEFAULT_ROLE;
      const banned = spread.bannedEvery > 0 && index % spread.bannedEvery === 7 && role === DEFAULT_ROLE;
      const user = {
        id: randomUUID(),
        name: `User ${number}`,
        nameSearch: `user ${number}`,
        email: `user-${number}@${domain}`,
        emailVerified: new Date(now.getTime() - 86_400_000),
        role,
        createdAt: new Date(now.getTime() - (from + count - index) * 60_000),
        bannedAt: banned ? now : null,
        bannedUntil: banned && Math.floor(index / spread.bannedEvery) % 2 === 0 ? new Date(now.getTime() + 7 * 86_400_000) : null,
        banReason: banned ? "Demo ban: spam" : null,
      };
      users.push(user);
      const provider = PROVIDERS[index % PROVIDERS.length]!;
      accounts.push({ id: randomUUID(), user: user.id, type: "oauth", provider, providerAccountId: `${provider}-${number}` });
      if (spread.sessionEvery && index % spread.sessionEvery === 3 && !banned) {
        const session = demoSession(user.id, now);
        sessions.push({ ...session.row, method: provider, account: accounts.at(-1)!.id });
      }
      if (spread.audited && (role !== DEFAULT_ROLE || banned)) {
        audit.push({
          id: randomUUID(),
          createdAt: now,
          targetId: user.id,
          targetEmail: user.email,
          action: (banned ? "ban" : "role_change") as AuditAction,
          // Told apart from real changes on the audit page: "demo data (db:seed)", not "command line".
          actorId: null,
          actorEmail: DEMO_ACTOR,
          ip: null,
          before: banned ? { banned: false } : { role: DEFAULT_ROLE },
          after: banned ? { banned: true, banReason: user.banReason } : { role },
        });
      }
    }
    await em.insertMany(User, users);
    await em.insertMany(Account, accounts);
    if (sessions.length > 0) await em.insertMany(Session, sessions);
    if (audit.length > 0) await em.insertMany(AuditLog, audit);
  }
}

/** A live session for `userId` with a fresh token: its row, and the token a browser would send. */
export function demoSession(userId: string, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const row = {
    id: randomUUID(),
    user: userId,
    tokenHash: hashSessionToken(token),
    expires: new Date(now.getTime() + 86_400_000),
    createdAt: now,
    lastSeenAt: now,
    authenticatedAt: now,
  };
  return { token, row };
}

/** The demo users' domain: users of any other address are the database's own. */
export const DEMO_DOMAIN = "demo.example";
/** The audit log's actor for demo entries. */
export const DEMO_ACTOR = "demo data (db:seed)";

/**
 * `npm run db:seed`'s work: `count` more demo users, numbered on from those
 * already there. Refuses (throwing, before writing) a database with users of
 * its own unless `force`. Returns the first new user's number.
 */
export async function seedDemoUsers(em: EntityManager, count: number, { force = false } = {}): Promise<number> {
  const own = await em.count(User, { $or: [{ email: null }, { $not: { email: { $like: `%@${DEMO_DOMAIN}` } } }] });
  if (own > 0 && !force) {
    throw new Error(
      `This database has ${own} user${own === 1 ? "" : "s"} of its own: seeding would mix strangers in with them. Use --force to seed anyway.`,
    );
  }
  const from = await em.count(User, { email: { $like: `%@${DEMO_DOMAIN}` } });
  await seedUsers(em, from, count, DEMO_DOMAIN, DEMO_SPREAD);
  return from;
}
