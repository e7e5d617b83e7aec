import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Knex, MetadataStorage } from "@mikro-orm/knex";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import type { DatabaseDialect } from "@/config/database-url";
import { getDatabaseTarget, getEnv } from "@/config/env";
import type { Role } from "@/config/roles";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm, getKnex, getOrm } from "@/lib/db/orm";
import { changedRowsOf, firstRowOf, type Statement } from "@/lib/db/prepared-query";
import { banApplies } from "@/lib/users/ban";
import { requestOrigin } from "./request-origin";

/**
 * The only code that handles session tokens. A token is 256 random bits; the
 * database keeps only its SHA-256, so a copy of the database signs nobody
 * in, and every statement binds values as driver parameters
 * (lib/db/prepared-query.ts), so no error or log line can carry one. A token
 * of the wrong shape is no session, before it reaches the database.
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

interface SessionStatements {
  knex: Knex;
  dialect: DatabaseDialect;
  find: Statement;
  insert: Statement;
  extend: Statement;
  remove: Statement;
  purge: Statement;
}

/** The session statements in the database's own SQL dialect, built once per process from the entities' metadata. */
function buildStatements(knex: Knex, metadata: MetadataStorage): Omit<SessionStatements, "knex" | "dialect"> {
  const user = metadata.get(User.name);
  const session = metadata.get(Session.name);
  const s = (property: string) => session.properties[property]!.fieldNames[0]!;
  const u = (property: string) => user.properties[property]!.fieldNames[0]!;
  const columns: Record<keyof SessionAndUserRow, string> = {
    sessionId: `s.${s("id")}`,
    expires: `s.${s("expires")}`,
    createdAt: `s.${s("createdAt")}`,
    lastSeenAt: `s.${s("lastSeenAt")}`,
    authenticatedAt: `s.${s("authenticatedAt")}`,
    userId: `u.${u("id")}`,
    name: `u.${u("name")}`,
    email: `u.${u("email")}`,
    emailVerified: `u.${u("emailVerified")}`,
    image: `u.${u("image")}`,
    role: `u.${u("role")}`,
    bannedAt: `u.${u("bannedAt")}`,
    bannedUntil: `u.${u("bannedUntil")}`,
  };
  // Placeholders are filled at run time; these values only let knex compile the SQL.
  const native = (sql: string, bindings: unknown[]) => knex.raw(sql, bindings as Knex.RawBinding[]).toSQL().toNative().sql;
  const table = session.tableName;
  const inserted = ["id", "user", "tokenHash", "expires", "createdAt", "lastSeenAt", "authenticatedAt", "userAgent", "ip"].map(s);
  return {
    // No LIMIT: the token hash is unique.
    find: {
      name: "session-find",
      sql: knex.select(columns).from({ s: table }).join({ u: user.tableName }, columns.userId, `s.${s("user")}`).where(`s.${s("tokenHash")}`, "").toSQL().toNative().sql,
    },
    insert: {
      name: "session-insert",
      sql: native(`insert into ?? (${inserted.map(() => "??").join(", ")}) values (${inserted.map(() => "?").join(", ")})`, [table, ...inserted, ...inserted.map(() => "")]),
    },
    extend: { name: "session-extend", sql: native("update ?? set ?? = ?, ?? = ? where ?? = ?", [table, s("expires"), "", s("lastSeenAt"), "", s("tokenHash"), ""]) },
    remove: { name: "session-remove", sql: native("delete from ?? where ?? = ?", [table, s("tokenHash"), ""]) },
    // Bounded: a hundred at a time, by the expires index.
    purge: {
      name: "session-purge",
      sql: native("delete from ?? where ?? in (select ?? from (select ?? from ?? where ?? < ? limit 100) as expired)", [table, s("id"), s("id"), s("id"), table, s("expires"), ""]),
    },
  };
}

let statements: SessionStatements | undefined;

async function sessionStatements(): Promise<SessionStatements> {
  if (!statements) {
    const knex = await getKnex();
    statements = { knex, dialect: getDatabaseTarget().dialect, ...buildStatements(knex, (await getOrm()).getMetadata()) };
  }
  return statements;
}

const toDate = (value: Moment) => new Date(value);

/**
 * The session with this token and its user, or null. It runs on every
 * request that carries a session cookie: one indexed query of plain columns.
 * A banned user's sessions are deleted by the ban; this also ignores one
 * created while the ban was being written. No expiry rule is applied here.
 */
export async function findSessionAndUser(sessionToken: string): Promise<{ session: StoredSession; user: AdapterUser } | null> {
  if (!isSessionTokenShape(sessionToken)) return null;
  const { knex, dialect, find } = await sessionStatements();
  const row = await firstRowOf<SessionAndUserRow>(knex, dialect, find, [hashSessionToken(sessionToken)]);
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

async function markActive(userId: string, now: Date): Promise<void> {
  const em = await getEm();
  await em.nativeUpdate(User, { id: userId }, { lastActiveAt: now });
}

/**
 * Stores a new session under the hash of the token Auth.js made, and returns
 * the token itself, which Auth.js puts in the cookie. Records the browser
 * and IP, dates the user's "last active", and purges some expired sessions.
 */
export async function createSession(data: AdapterSession, provenAt?: Date): Promise<StoredSession> {
  if (!isSessionTokenShape(data.sessionToken)) throw new Error("Refusing to store a session token of an unexpected shape");
  const { knex, dialect, insert, purge } = await sessionStatements();
  const now = new Date();
  const expires = new Date(Math.min(data.expires.getTime(), latestExpiry(now)));
  const authenticatedAt = provenAt && provenAt < now ? provenAt : now;
  const { userAgent, ip } = await requestOrigin();
  const id = randomUUID();
  await changedRowsOf(knex, dialect, insert, [id, data.userId, hashSessionToken(data.sessionToken), expires, now, now, authenticatedAt, userAgent, ip]);
  await markActive(data.userId, now);
  await changedRowsOf(knex, dialect, purge, [now]);
  return { id, sessionToken: data.sessionToken, userId: data.userId, expires, createdAt: now, lastSeenAt: now, authenticatedAt };
}

/** Extends a session (never past its absolute lifetime), dates "last seen"; null if there is no such session. */
export async function updateSession(data: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">): Promise<StoredSession | null> {
  const found = await findSessionAndUser(data.sessionToken);
  if (!found) return null;
  const now = new Date();
  const expires = data.expires ? new Date(Math.min(data.expires.getTime(), latestExpiry(found.session.createdAt))) : found.session.expires;
  const { knex, dialect, extend } = await sessionStatements();
  await changedRowsOf(knex, dialect, extend, [expires, now, hashSessionToken(data.sessionToken)]);
  await markActive(found.user.id, now);
  return { ...found.session, expires, lastSeenAt: now };
}

export async function deleteSession(sessionToken: string): Promise<void> {
  if (!isSessionTokenShape(sessionToken)) return;
  const { knex, dialect, remove } = await sessionStatements();
  await changedRowsOf(knex, dialect, remove, [hashSessionToken(sessionToken)]);
}
