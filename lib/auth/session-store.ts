import "server-only";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/knex";
import type { AdapterSession } from "next-auth/adapters";
import { getEnv } from "@/config/env";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { endImpersonation, IMPERSONATION_MINUTES } from "@/lib/users/impersonation";
import { requestOrigin } from "./request-origin";
import { findSessionAndUser, type StoredSession } from "./session-lookup";
import { hashSessionToken, isSessionTokenShape } from "./session-token";
import type { SignInProof } from "./sign-in-proof";

/**
 * The Auth.js adapter's session methods (lib/auth/adapter.ts): the only code
 * that handles session tokens. A token is 256 random bits; the database
 * keeps only its SHA-256, so a copy of the database signs nobody in, and
 * only the hash is ever sent to the database (or can appear in an error).
 * A token of the wrong shape is no session, before it reaches the database.
 */

/** The latest a session may last: its absolute lifetime from sign-in (an impersonation's: its bounded time). */
function latestExpiry(createdAt: Date, impersonation = false): number {
  return createdAt.getTime() + (impersonation ? IMPERSONATION_MINUTES * 60 : getEnv().SESSION_MAX_AGE) * 1000;
}

/** Expired sessions cleared per new session: enough to keep up, never a long delete. */
const PURGE_BATCH = 100;

async function purgeExpired(em: EntityManager, now: Date): Promise<void> {
  const expired = await em.find(Session, { expires: { $lt: now } }, { fields: ["id"], limit: PURGE_BATCH, disableIdentityMap: true });
  if (expired.length > 0) await em.nativeDelete(Session, { id: { $in: expired.map((session) => session.id) } });
}

/** "Never": the sign-in proved nothing recent (lib/auth/reauthentication.ts). */
const NEVER = new Date(0);

/**
 * Stores a new session under the hash of the token Auth.js made, and returns
 * the token itself, which Auth.js puts in the cookie. Records the browser
 * and IP, the sign-in `proof` (when, and by which method: without one, now
 * and none), dates the user's "last active", and purges some expired sessions.
 */
export async function createSession(
  data: Pick<AdapterSession, "sessionToken" | "userId" | "expires">,
  proof?: SignInProof,
): Promise<StoredSession> {
  if (!isSessionTokenShape(data.sessionToken)) throw new Error("Refusing to store a session token of an unexpected shape");
  const em = await getEm();
  const now = new Date();
  const expires = new Date(Math.min(data.expires.getTime(), latestExpiry(now)));
  const provenAt = proof ? (proof.provenAt ?? NEVER) : now;
  const authenticatedAt = provenAt < now ? provenAt : now;
  const { userAgent, ip } = await requestOrigin();
  const id = randomUUID();
  const tokenHash = hashSessionToken(data.sessionToken);
  const method = proof ? (proof.method.type === "email" ? "email" : proof.method.provider) : null;
  const account =
    proof && proof.method.type !== "email"
      ? await em.findOne(
          Account,
          { provider: proof.method.provider, providerAccountId: proof.method.providerAccountId },
          { fields: ["id"] },
        )
      : null;
  await em.insert(Session, {
    id,
    user: data.userId,
    tokenHash,
    expires,
    createdAt: now,
    lastSeenAt: now,
    authenticatedAt,
    userAgent,
    ip,
    method,
    account: account?.id ?? null,
  });
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
  const limit = latestExpiry(found.session.createdAt, Boolean(found.session.impersonator));
  const expires = data.expires ? new Date(Math.min(data.expires.getTime(), limit)) : found.session.expires;
  if (expires.getTime() === found.session.expires.getTime() && now.getTime() - found.session.lastSeenAt.getTime() < 60 * 60 * 1000) {
    return found.session;
  }
  const em = await getEm();
  await em.nativeUpdate(Session, { tokenHash: hashSessionToken(data.sessionToken) }, { expires, lastSeenAt: now });
  await em.nativeUpdate(User, { id: found.user.id }, { lastActiveAt: now });
  return { ...found.session, expires, lastSeenAt: now };
}

/**
 * Signing out. While viewing as someone, it signs the viewer out: the viewing
 * session ends as "stop" would (audited, the token back on the viewer's own
 * session), and that session goes too, rather than waiting for a token the
 * browser no longer has.
 */
export async function deleteSession(sessionToken: string): Promise<void> {
  if (!isSessionTokenShape(sessionToken)) return;
  const em = await getEm();
  const tokenHash = hashSessionToken(sessionToken);
  const viewing = await em.findOne(Session, { tokenHash, impersonator: { $ne: null } }, { fields: ["id"] });
  if (viewing) await endImpersonation(viewing.id, "ended");
  await em.nativeDelete(Session, { tokenHash });
}

export { findSessionAndUser, type StoredSession } from "./session-lookup";
export { hashSessionToken, isSessionTokenShape, newSessionToken } from "./session-token";
