import "server-only";
import { headers } from "next/headers";
import type { AdapterUser } from "next-auth/adapters";
import { cache } from "react";
import { getEnv } from "@/config/env";
import type { Role } from "@/config/roles";
import { cookieValues, sessionCookieName } from "./session-cookie";
import { deleteSession, findSessionAndUser, updateSession } from "./session-store";

/**
 * The session of a request: the one module that reads the session cookie,
 * finds the session and its user (through the session store,
 * ./session-store.ts, which the Auth.js adapter's session methods use too),
 * applies the expiry and extension rules and returns the signed-in user. The
 * guards and pages call getCurrentUser(). Nothing here calls back into Auth.js.
 */

/** What the app and the browser know of the signed-in user: never the session token. */
export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
}

/**
 * How long sessions last (config/env.ts): SESSION_IDLE_TIMEOUT (default 7
 * days) after the session was last seen, and never more than SESSION_MAX_AGE
 * (default 30 days) after sign-in. auth.ts gives Auth.js the idle timeout as
 * its `maxAge`; the session store clamps every expiry to the absolute one.
 */
export function sessionLifetimes(): { idleSeconds: number; maxAgeSeconds: number } {
  const env = getEnv();
  return { idleSeconds: env.SESSION_IDLE_TIMEOUT, maxAgeSeconds: env.SESSION_MAX_AGE };
}

/** A session is extended (one database write, which also dates "last seen") at most once an hour. */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/**
 * Auth.js's rules for a session it finds (its database session action), with
 * the idle timeout as Auth.js's maxAge: an expired session is deleted; one
 * last extended more than an hour ago is extended to the idle timeout from
 * now (which the store keeps within the absolute lifetime).
 */
export function sessionRenewal(expires: Date, now: number, idleSeconds = sessionLifetimes().idleSeconds): "expired" | "extend" | "keep" {
  if (expires.getTime() < now) return "expired";
  const lastExtended = expires.getTime() - idleSeconds * 1000;
  return lastExtended + SESSION_UPDATE_AGE_SECONDS * 1000 <= now ? "extend" : "keep";
}

/** The fields of a user the app and the browser get. */
export function toSessionUser(user: AdapterUser): SessionUser {
  return { id: user.id, name: user.name ?? null, email: user.email || null, image: user.image ?? null, role: user.role };
}

/** The signed-in user of a request, and the session that signs them in. */
export interface CurrentSession {
  user: SessionUser;
  session: { id: string; createdAt: Date; authenticatedAt: Date; expires: Date };
}

/** The session a token signs in, applying the expiry and extension rules; null if none. */
export async function sessionForToken(sessionToken: string): Promise<CurrentSession | null> {
  const found = await findSessionAndUser(sessionToken);
  if (!found) return null;
  const now = Date.now();
  let { expires } = found.session;
  switch (sessionRenewal(expires, now)) {
    case "expired":
      await deleteSession(sessionToken);
      return null;
    case "extend":
      expires = (await updateSession({ sessionToken, expires: new Date(now + sessionLifetimes().idleSeconds * 1000) }))?.expires ?? expires;
      break;
    case "keep":
      break;
  }
  const { id, createdAt, authenticatedAt } = found.session;
  return { user: toSessionUser(found.user), session: { id, createdAt, authenticatedAt, expires } };
}

/** The user a session token signs in; null if none. */
export async function sessionUserForToken(sessionToken: string): Promise<SessionUser | null> {
  return (await sessionForToken(sessionToken))?.user ?? null;
}

/**
 * The session of the current request, or null. Cached per request, so a
 * layout, a page and an action asking again cost one lookup. It reads the
 * database session directly rather than through Auth.js's `auth()`, which
 * wraps the same lookup in a synthetic HTTP request and response.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const requestHeaders = await headers();
  const sent = cookieValues(requestHeaders.get("cookie"), sessionCookieName(requestHeaders, getEnv().AUTH_URL));
  // Two session cookies (one planted by another site, say) sign nobody in: Next.js and Auth.js would each pick a different one.
  return sent.length === 1 ? sessionForToken(sent[0]!) : null;
});

/** The signed-in user of the current request, or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await getCurrentSession())?.user ?? null;
}
