import "server-only";
import { randomUUID } from "node:crypto";
import type { Knex, MetadataStorage } from "@mikro-orm/knex";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import type { DatabaseDialect } from "@/config/database-url";
import { getDatabaseTarget } from "@/config/env";
import type { Role } from "@/config/roles";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm, getKnex, getOrm } from "@/lib/db/orm";
import { changedRowsOf, firstRowOf, type Statement } from "@/lib/db/prepared-query";

/**
 * The only code that reads or writes session tokens. Every statement binds
 * the token as a driver parameter (lib/db/prepared-query.ts), so no error
 * message or log line can carry one, and a token of the wrong shape is
 * treated as no session before it reaches the database.
 */

/** A stored session, with its id as the published adapter returns it. */
export interface StoredSession extends AdapterSession {
  id: string;
}

/**
 * Auth.js makes session tokens with crypto.randomUUID(); anything outside
 * this alphabet and length (a NUL byte, a megabyte, another encoding) is not
 * a session token.
 */
export function isSessionTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,128}$/.test(value);
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

interface SessionStatements {
  knex: Knex;
  dialect: DatabaseDialect;
  find: Statement;
  insert: Statement;
  extend: Statement;
  remove: Statement;
}

/** The session statements in the database's own SQL dialect, built once per process from the entities' metadata. */
function buildStatements(knex: Knex, metadata: MetadataStorage): Omit<SessionStatements, "knex" | "dialect"> {
  const user = metadata.get(User.name);
  const session = metadata.get(Session.name);
  const column = (meta: typeof user, property: string) => meta.properties[property]!.fieldNames[0]!;
  const [token, expires] = [column(session, "sessionToken"), column(session, "expires")];
  const columns: Record<keyof SessionAndUserRow, string> = {
    sessionId: `s.${column(session, "id")}`,
    userId: `u.${column(user, "id")}`,
    expires: `s.${expires}`,
    name: `u.${column(user, "name")}`,
    email: `u.${column(user, "email")}`,
    emailVerified: `u.${column(user, "emailVerified")}`,
    image: `u.${column(user, "image")}`,
    role: `u.${column(user, "role")}`,
    bannedAt: `u.${column(user, "bannedAt")}`,
  };
  // Placeholders are filled at run time; these values only let knex compile the SQL.
  const native = (sql: string, bindings: unknown[]) => knex.raw(sql, bindings as Knex.RawBinding[]).toSQL().toNative().sql;
  return {
    // No LIMIT: the session token is unique.
    find: {
      name: "session-find",
      sql: knex
        .select(columns)
        .from({ s: session.tableName })
        .join({ u: user.tableName }, columns.userId, `s.${column(session, "user")}`)
        .where(`s.${token}`, "")
        .toSQL()
        .toNative().sql,
    },
    insert: {
      name: "session-insert",
      sql: native("insert into ?? (??, ??, ??, ??) values (?, ?, ?, ?)", [
        session.tableName, column(session, "id"), column(session, "user"), token, expires, "", "", "", "",
      ]),
    },
    extend: { name: "session-extend", sql: native("update ?? set ?? = ? where ?? = ?", [session.tableName, expires, "", token, ""]) },
    remove: { name: "session-remove", sql: native("delete from ?? where ?? = ?", [session.tableName, token, ""]) },
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

const toDate = (value: Date | number | string) => new Date(value);

/**
 * The session with this token and its user, or null. It runs on every
 * request that carries a session cookie: one indexed query of plain columns.
 * A banned user's sessions are deleted by the ban; this also ignores one
 * created while the ban was being written. No expiry rule is applied here.
 */
export async function findSessionAndUser(sessionToken: string): Promise<{ session: StoredSession; user: AdapterUser } | null> {
  if (!isSessionTokenShape(sessionToken)) return null;
  const { knex, dialect, find } = await sessionStatements();
  const row = await firstRowOf<SessionAndUserRow>(knex, dialect, find, [sessionToken]);
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

async function markActive(userId: string): Promise<void> {
  const em = await getEm();
  await em.nativeUpdate(User, { id: userId }, { lastActiveAt: new Date() });
}

/** Stores a new session (Auth.js makes the token) and dates the user's "last active". */
export async function createSession(data: AdapterSession): Promise<StoredSession> {
  if (!isSessionTokenShape(data.sessionToken)) throw new Error("Refusing to store a session token of an unexpected shape");
  const { knex, dialect, insert } = await sessionStatements();
  const id = randomUUID();
  await changedRowsOf(knex, dialect, insert, [id, data.userId, data.sessionToken, data.expires]);
  await markActive(data.userId);
  return { id, sessionToken: data.sessionToken, userId: data.userId, expires: data.expires };
}

/** Extends a session (and dates "last active"); null if there is no such session. */
export async function updateSession(
  data: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">,
): Promise<StoredSession | null> {
  const found = await findSessionAndUser(data.sessionToken);
  if (!found) return null;
  if (data.expires) {
    const { knex, dialect, extend } = await sessionStatements();
    await changedRowsOf(knex, dialect, extend, [data.expires, data.sessionToken]);
  }
  await markActive(found.user.id);
  return { ...found.session, expires: data.expires ?? found.session.expires };
}

export async function deleteSession(sessionToken: string): Promise<void> {
  if (!isSessionTokenShape(sessionToken)) return;
  const { knex, dialect, remove } = await sessionStatements();
  await changedRowsOf(knex, dialect, remove, [sessionToken]);
}
