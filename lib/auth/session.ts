import "server-only";
import { cookies, headers } from "next/headers";
import type { AdapterUser } from "next-auth/adapters";
import { cache } from "react";
import { getEnv } from "@/config/env";
import type { Role } from "@/config/roles";
import { sessionCookieName } from "./session-cookie";
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

/** A session lasts 30 days from its last extension (Auth.js's default, passed to it by auth.ts)... */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** ...and is extended (one database write) at most once an hour, which also dates "last active". */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

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
