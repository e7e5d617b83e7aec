import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import { getEnv } from "@/config/env";
import type { Role } from "@/config/roles";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm, getOrm } from "@/lib/db/orm";
import { banApplies } from "@/lib/users/ban";
import { requestOrigin } from "./request-origin";

/**
 * The Auth.js adapter's session methods (lib/auth/adapter.ts): the only code
 * that handles session tokens. A token is 256 random bits; the database
 * keeps only its SHA-256, so a copy of the database signs nobody in, and
 * only the hash is ever sent to the database (or can appear in an error).
 * A token of the wrong shape is no session, before it reaches the database.
 */

/** A new session token for Auth.js to put in the cookie (auth.ts: generateSessionToken). */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** This app's tokens (43 base64url characters), or the UUIDs of sessions from before it hashed them. */
export function isSessionTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,128}$/.test(value);
}

/** A stored session as the app and Auth.js see it. */
export interface StoredSession extends AdapterSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  authenticatedAt: Date;
}

type Moment = Date | number | string;

/** The lookup's row: datetimes as the driver returns them (SQLite: milliseconds). */
interface SessionAndUserRow {
  sessionId: string;
  expires: Moment;
  createdAt: Moment;
  lastSeenAt: Moment;
  authenticatedAt: Moment;
  userId: string;
  name: string | null;
  email: string | null;
  emailVerified: Moment | null;
  image: string | null;
  role: Role;
  bannedAt: Moment | null;
  bannedUntil: Moment | null;
}

/**
 * The lookup that runs on every signed-in request, as SQL that MikroORM's
 * QueryBuilder writes once per ORM instance from the entities' metadata, run
 * through MikroORM's connection: one indexed query of plain columns, no
 * entity hydration or identity map (a third of the time of the same query
 * built per request, a seventh of em.findOne with populate: see
 * docs/performance.md).
 */
const lookups = new WeakMap<MikroORM, string>();

function lookupSql(orm: MikroORM): string {
  let sql = lookups.get(orm);
  if (!sql) {
    const em = orm.em as EntityManager;
    const column = (alias: "s" | "u", entity: typeof Session | typeof User, property: string) => {
      const properties: Record<string, { fieldNames: string[] }> = em.getMetadata(entity).properties;
      return `${alias}.${properties[property]!.fieldNames[0]}`;
    };
    const s = (property: keyof Session) => column("s", Session, property);
    const u = (property: keyof User) => column("u", User, property);
    const select: Record<keyof SessionAndUserRow, string> = {
      sessionId: s("id"),
      expires: s("expires"),
      createdAt: s("createdAt"),
      lastSeenAt: s("lastSeenAt"),
      authenticatedAt: s("authenticatedAt"),
      userId: u("id"),
      name: u("name"),
      email: u("email"),
      emailVerified: u("emailVerified"),
      image: u("image"),
      role: u("role"),
      bannedAt: u("bannedAt"),
      bannedUntil: u("bannedUntil"),
    };
    // No LIMIT: the token hash is unique. Only the SQL is kept (with "?", whatever the database): the hash is bound per call.
    sql = em
      .createQueryBuilder(Session, "s")
      .select(Object.entries(select).map(([alias, field]) => `${field} as ${alias}`))
      .join("s.user", "u")
      .where({ tokenHash: "?" })
      .getKnexQuery()
      .toSQL().sql;
    lookups.set(orm, sql);
  }
  return sql;
}

const toDate = (value: Moment) => new Date(value);

/**
 * The session with this token and its user, or null. A banned user's
 * sessions are deleted by the ban; this also ignores one created while the
 * ban was being written. Expiry is Auth.js's to apply.
 */
export async function findSessionAndUser(sessionToken: string): Promise<{ session: StoredSession; user: AdapterUser } | null> {
  if (!isSessionTokenShape(sessionToken)) return null;
  const orm = await getOrm();
  const row: SessionAndUserRow | undefined = await orm.em.getConnection().execute(lookupSql(orm), [hashSessionToken(sessionToken)], "get");
  if (!row || banApplies(row.bannedAt, row.bannedUntil)) return null;
  return {
    session: {
      id: row.sessionId,
      sessionToken,
      userId: row.userId,
      expires: toDate(row.expires),
      createdAt: toDate(row.createdAt),
      lastSeenAt: toDate(row.lastSeenAt),
      authenticatedAt: toDate(row.authenticatedAt),
    },
    user: {
      id: row.userId,
      name: row.name,
      email: row.email ?? "",
      emailVerified: row.emailVerified === null ? null : toDate(row.emailVerified),
      image: row.image,
      role: row.role,
    },
  };
}

/** The latest a session may last: its absolute lifetime from sign-in. */
function latestExpiry(createdAt: Date): number {
  return createdAt.getTime() + getEnv().SESSION_MAX_AGE * 1000;
}

/** Expired sessions cleared per new session: enough to keep up, never a long delete. */
const PURGE_BATCH = 100;

async function purgeExpired(em: EntityManager, now: Date): Promise<void> {
  const expired = await em.find(Session, { expires: { $lt: now } }, { fields: ["id"], limit: PURGE_BATCH, disableIdentityMap: true });
  if (expired.length > 0) await em.nativeDelete(Session, { id: { $in: expired.map((session) => session.id) } });
}

/**
 * Stores a new session under the hash of the token Auth.js made, and returns
 * the token itself, which Auth.js puts in the cookie. Records the browser
 * and IP, dates the user's "last active", and purges some expired sessions.
 * `provenAt`: when the user last proved who they are, if before now.
 */
export async function createSession(data: Pick<AdapterSession, "sessionToken" | "userId" | "expires">, provenAt?: Date): Promise<StoredSession> {
  if (!isSessionTokenShape(data.sessionToken)) throw new Error("Refusing to store a session token of an unexpected shape");
  const em = await getEm();
  const now = new Date();
  const expires = new Date(Math.min(data.expires.getTime(), latestExpiry(now)));
  const authenticatedAt = provenAt && provenAt < now ? provenAt : now;
  const { userAgent, ip } = await requestOrigin();
  const id = randomUUID();
  const tokenHash = hashSessionToken(data.sessionToken);
  await em.insert(Session, { id, user: data.userId, tokenHash, expires, createdAt: now, lastSeenAt: now, authenticatedAt, userAgent, ip });
  await em.nativeUpdate(User, { id: data.userId }, { lastActiveAt: now });
  await purgeExpired(em, now);
  return { id, sessionToken: data.sessionToken, userId: data.userId, expires, createdAt: now, lastSeenAt: now, authenticatedAt };
}

/**
 * Extends a session, never past its absolute lifetime, and dates "last seen";
 * null if there is no such session. Auth.js asks at most hourly, except in
 * a session's last days, when its expiry is held at the absolute lifetime:
 * then nothing is written more than hourly either.
 */
export async function updateSession(data: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">): Promise<StoredSession | null> {
  const found = await findSessionAndUser(data.sessionToken);
  if (!found) return null;
  const now = new Date();
  const expires = data.expires ? new Date(Math.min(data.expires.getTime(), latestExpiry(found.session.createdAt))) : found.session.expires;
  if (expires.getTime() === found.session.expires.getTime() && now.getTime() - found.session.lastSeenAt.getTime() < 60 * 60 * 1000) {
    return found.session;
  }
  const em = await getEm();
  await em.nativeUpdate(Session, { tokenHash: hashSessionToken(data.sessionToken) }, { expires, lastSeenAt: now });
  await em.nativeUpdate(User, { id: found.user.id }, { lastActiveAt: now });
  return { ...found.session, expires, lastSeenAt: now };
}

export async function deleteSession(sessionToken: string): Promise<void> {
  if (!isSessionTokenShape(sessionToken)) return;
  const em = await getEm();
  await em.nativeDelete(Session, { tokenHash: hashSessionToken(sessionToken) });
}
