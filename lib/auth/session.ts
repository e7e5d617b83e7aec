import "server-only";
import type { Knex, MetadataStorage } from "@mikro-orm/knex";
import { cookies, headers } from "next/headers";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import { cache } from "react";
import { getDatabaseTarget, getEnv } from "@/config/env";
import type { DatabaseDialect } from "@/config/database-url";
import type { Role } from "@/config/roles";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm, getKnex, getOrm } from "@/lib/db/orm";
import { firstRowOf } from "@/lib/db/prepared-query";
import { sessionCookieName } from "./session-cookie";

/**
 * The session of a request: the one module that reads the session cookie,
 * finds the session and its user, applies the expiry and extension rules and
 * returns the signed-in user. The guards and pages call getCurrentUser(); the
 * Auth.js adapter's session methods (lib/auth/adapter.ts) call the store
 * functions below. Nothing here calls back into Auth.js.
 */

/** What the app and the browser know of the signed-in user: never the session token. */
export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
}

/** A session lasts 30 days from its last extension (Auth.js's default, passed to it by auth.ts)... */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** ...and is extended (one database write) at most once an hour, which also dates "last active". */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/** A stored session, with its id as the published adapter returns it. */
export interface StoredSession extends AdapterSession {
  id: string;
}

interface SessionAndUserRow {
  sessionId: string;
  userId: string;
  expires: Date | number | string;
  name: string | null;
  email: string | null;
  emailVerified: Date | number | string | null;
  image: string | null;
  role: Role;
  bannedAt: Date | number | string | null;
}

/** The session-and-user query in the database's own SQL dialect, and where to run it: made once per process. */
let sessionAndUserQuery: { knex: Knex; dialect: DatabaseDialect; sql: string } | undefined;

function buildSessionAndUserSql(knex: Knex, metadata: MetadataStorage): string {
  const user = metadata.get(User.name);
  const session = metadata.get(Session.name);
  const column = (meta: typeof user, property: string) => meta.properties[property]!.fieldNames[0]!;
  const columns: Record<keyof SessionAndUserRow, string> = {
    sessionId: `s.${column(session, "id")}`,
    userId: `u.${column(user, "id")}`,
    expires: `s.${column(session, "expires")}`,
    name: `u.${column(user, "name")}`,
    email: `u.${column(user, "email")}`,
    emailVerified: `u.${column(user, "emailVerified")}`,
    image: `u.${column(user, "image")}`,
    role: `u.${column(user, "role")}`,
    bannedAt: `u.${column(user, "bannedAt")}`,
  };
  // No LIMIT: the session token is unique.
  return knex
    .select(columns)
    .from({ s: session.tableName })
    .join({ u: user.tableName }, columns.userId, `s.${column(session, "user")}`)
    .where(`s.${column(session, "sessionToken")}`, "")
    .toSQL()
    .toNative().sql;
}

async function prepareSessionAndUserQuery() {
  const knex = await getKnex();
  const sql = buildSessionAndUserSql(knex, (await getOrm()).getMetadata());
  return { knex, dialect: getDatabaseTarget().dialect, sql };
}

const toDate = (value: Date | number | string) => new Date(value);

/**
 * The session with this token and its user, or null. It runs on every
 * request that carries a session cookie, so it is one indexed query of plain
 * columns, run as a prepared statement (lib/db/prepared-query.ts). A banned
 * user's sessions are deleted by the ban; this also ignores one created while
 * the ban was being written. No expiry rule is applied here.
 */
export async function findSessionAndUser(
  sessionToken: string,
): Promise<{ session: StoredSession; user: AdapterUser } | null> {
  const query = (sessionAndUserQuery ??= await prepareSessionAndUserQuery());
  const row = await firstRowOf<SessionAndUserRow>(
    query.knex,
    query.dialect,
    { name: "session-and-user", sql: query.sql },
    [sessionToken],
  );
  if (!row || row.bannedAt !== null) return null;
  return {
    session: { id: row.sessionId, sessionToken, userId: row.userId, expires: toDate(row.expires) },
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

/** Stores a new session (Auth.js makes the token) and dates the user's "last active". */
export async function createSession(data: AdapterSession): Promise<StoredSession> {
  const em = await getEm();
  const user = await em.findOne(User, { id: data.userId });
  if (!user) throw new Error("User not found");
  user.lastActiveAt = new Date();
  const session = em.create(Session, { user, userId: user.id, sessionToken: data.sessionToken, expires: data.expires });
  await em.flush();
  return { id: session.id, sessionToken: session.sessionToken, userId: user.id, expires: session.expires };
}

/** Extends a session (and dates "last active"); null if there is no such session. */
export async function updateSession(
  data: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">,
): Promise<StoredSession | null> {
  const em = await getEm();
  const session = await em.findOne(Session, { sessionToken: data.sessionToken }, { populate: ["user"] });
  if (!session) return null;
  if (data.expires) session.expires = data.expires;
  session.user.lastActiveAt = new Date();
  await em.flush();
  return { id: session.id, sessionToken: session.sessionToken, userId: session.user.id, expires: session.expires };
}

export async function deleteSession(sessionToken: string): Promise<void> {
  const em = await getEm();
  await em.nativeDelete(Session, { sessionToken });
}

/**
 * Auth.js's rules for a session it finds (its database session action): an
 * expired session is deleted; one last extended more than
 * SESSION_UPDATE_AGE ago is extended to SESSION_MAX_AGE from now.
 */
export function sessionRenewal(expires: Date, now: number): "expired" | "extend" | "keep" {
  if (expires.getTime() < now) return "expired";
  const lastExtended = expires.getTime() - SESSION_MAX_AGE_SECONDS * 1000;
  return lastExtended + SESSION_UPDATE_AGE_SECONDS * 1000 <= now ? "extend" : "keep";
}

/** The fields of a user the app and the browser get. */
export function toSessionUser(user: AdapterUser): SessionUser {
  return { id: user.id, name: user.name ?? null, email: user.email || null, image: user.image ?? null, role: user.role };
}

/** The user a session token signs in, applying Auth.js's expiry and extension rules; null if none. */
export async function sessionUserForToken(sessionToken: string): Promise<SessionUser | null> {
  const found = await findSessionAndUser(sessionToken);
  if (!found) return null;
  const now = Date.now();
  switch (sessionRenewal(found.session.expires, now)) {
    case "expired":
      await deleteSession(sessionToken);
      return null;
    case "extend":
      await updateSession({ sessionToken, expires: new Date(now + SESSION_MAX_AGE_SECONDS * 1000) });
      break;
    case "keep":
      break;
  }
  return toSessionUser(found.user);
}

/**
 * The signed-in user of the current request, or null. Cached per request, so
 * a layout, a page and an action asking again cost one lookup. It reads the
 * database session directly rather than through Auth.js's `auth()`, which
 * wraps the same lookup in a synthetic HTTP request and response.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const name = sessionCookieName(await headers(), getEnv().AUTH_URL);
  const sessionToken = (await cookies()).get(name)?.value;
  return sessionToken ? sessionUserForToken(sessionToken) : null;
});
