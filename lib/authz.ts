import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import type { SessionUser } from "@/types/next-auth";
import { readSessionUser } from "./auth-session";
import { signInUrl } from "./paths";
import { ADMIN_ROLE } from "./roles";

/**
 * The signed-in user of this request, or null. Cached per request, so a
 * layout, a page and an action asking again cost one session lookup.
 */
export const getCurrentUser = cache((): Promise<SessionUser | null> => readSessionUser());

/** The signed-in user; anyone else is sent to sign in and brought back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl(returnTo));
  return user;
}

/** The signed-in admin; anonymous visitors go to sign in, everyone else gets 403. */
export async function requireAdmin(returnTo = "/admin"): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (user.role !== ADMIN_ROLE) forbidden();
  return user;
}
