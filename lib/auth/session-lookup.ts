import "server-only";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import { hasPermission, type Role } from "@/config/roles";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getOrm } from "@/lib/db/orm";
import { banApplies } from "@/lib/users/ban";
import { endImpersonation } from "@/lib/users/impersonation";
import { hashSessionToken, isSessionTokenShape } from "./session-token";

/**
 * The session lookup that runs on every signed-in request (the adapter's
 * getSessionAndUser, lib/auth/adapter.ts).
 */

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
  impersonatorId: string | null;
  impersonatorName: string | null;
  impersonatorEmail: string | null;
  impersonatorRole: Role | null;
  impersonatorBannedAt: Moment | null;
  impersonatorBannedUntil: Moment | null;
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
    const column = (alias: "s" | "u" | "i", entity: typeof Session | typeof User, property: string) => {
      const properties: Record<string, { fieldNames: string[] }> = em.getMetadata(entity).properties;
      return `${alias}.${properties[property]!.fieldNames[0]}`;
    };
    const s = (property: keyof Session) => column("s", Session, property);
    const u = (property: keyof User) => column("u", User, property);
    const i = (property: keyof User) => column("i", User, property);
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
      // Impersonation: who is viewing as this user, if anyone (lib/users/impersonation.ts).
      impersonatorId: i("id"),
      impersonatorName: i("name"),
      impersonatorEmail: i("email"),
      impersonatorRole: i("role"),
      impersonatorBannedAt: i("bannedAt"),
      impersonatorBannedUntil: i("bannedUntil"),
    };
    // No LIMIT: the token hash is unique. Only the SQL is kept (with "?", whatever the database): the hash is bound per call.
    sql = em
      .createQueryBuilder(Session, "s")
      .select(Object.entries(select).map(([alias, field]) => `${field} as ${alias}`))
      .join("s.user", "u")
      .leftJoin("s.impersonator", "i")
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
 * ban was being written. Expiry is Auth.js's to apply, except an
 * impersonation's: one that has run its time, or whose impersonator may no
 * longer impersonate, ends here, and the token is the impersonator's own
 * session again.
 */
export async function findSessionAndUser(sessionToken: string): Promise<{ session: StoredSession; user: AdapterUser } | null> {
  if (!isSessionTokenShape(sessionToken)) return null;
  const orm = await getOrm();
  const tokenHash = hashSessionToken(sessionToken);
  const row: SessionAndUserRow | undefined = await orm.em.getConnection().execute(lookupSql(orm), [tokenHash], "get");
  if (!row) return null;
  if (row.impersonatorId !== null && impersonationHasEnded(row)) {
    return (await endImpersonation(row.sessionId, "ended")) ? findSessionAndUser(sessionToken) : null;
  }
  if (banApplies(row.bannedAt, row.bannedUntil)) return null;
  return {
    session: {
      id: row.sessionId,
      sessionToken,
      userId: row.userId,
      expires: toDate(row.expires),
      createdAt: toDate(row.createdAt),
      lastSeenAt: toDate(row.lastSeenAt),
      authenticatedAt: toDate(row.authenticatedAt),
      impersonator:
        row.impersonatorId === null ? null : { id: row.impersonatorId, name: row.impersonatorName, email: row.impersonatorEmail },
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

/** Whether an impersonation must end: its time is up, the impersonator may no longer impersonate, or either is banned. */
function impersonationHasEnded(row: SessionAndUserRow, now = Date.now()): boolean {
  return (
    toDate(row.expires).getTime() <= now ||
    row.impersonatorRole === null ||
    !hasPermission(row.impersonatorRole, "users:impersonate") ||
    banApplies(row.impersonatorBannedAt, row.impersonatorBannedUntil) ||
    banApplies(row.bannedAt, row.bannedUntil)
  );
}
