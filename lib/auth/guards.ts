import "server-only";
import type { Session } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { canEnterAdmin, hasPermission, type Permission, type Role } from "@/config/roles";
import { recordRefusedAdminAttempt } from "@/lib/audit/refusals";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { signInUrl } from "./return-path";
import { hasSessionCookie } from "./session-cookie";

/**
 * Who is signed in, and the guards every page, layout, route handler and
 * server action calls itself: the proxy only turns anonymous visitors away
 * early, and hiding a button in the UI is never a check.
 */

/**
 * `auth()`, once per request: a layout, a page and an action asking again
 * share one database lookup. A request without a session cookie has no
 * session, and does not pay for asking.
 */
export const getSession = cache(async (): Promise<Session | null> => (hasSessionCookie(await headers()) ? auth() : null));

/** The path of the current request (stamped by the proxy), to come back to after signing in. */
async function currentPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

/**
 * The signed-in user's session; anyone else is sent to sign in, and brought
 * back here; or, from an API route (a script, not a browser), answered 401.
 */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) {
    const path = await currentPath();
    if (path.startsWith("/api/")) unauthorized();
    redirect(signInUrl(path));
  }
  return session;
}

/**
 * The session of a signed-in user whose role grants `permission`;
 * anonymous visitors go to sign in, everyone else gets 403
 * (app/forbidden.tsx), and their attempt on `surface` (an action's name; by
 * default the path) is audited. Impersonation never grants more than the
 * impersonated user holds.
 */
export async function requirePermission(permission: Permission, surface?: string): Promise<Session> {
  return requireWhere((role) => hasPermission(role, permission), surface);
}

/** The admin area's layout: any of its permissions (each page then asks for its own). */
export async function requireAdminArea(): Promise<Session> {
  return requireWhere(canEnterAdmin);
}

async function requireWhere(allowed: (role: Role) => boolean, surface?: string): Promise<Session> {
  const session = await requireSession();
  if (!allowed(session.user.role)) {
    await recordRefusedAdminAttempt(session.user, surface ?? (await currentPath()).split("?")[0]!);
    forbidden();
  }
  return session;
}
