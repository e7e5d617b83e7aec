import "server-only";
import { forbidden, redirect } from "next/navigation";
import { ADMIN_ROLE } from "@/config/roles";
import { recordRefusedAdminAttempt } from "@/lib/audit/refusals";
import { signInUrl } from "./return-path";
import { getCurrentUser, type SessionUser } from "./session";

/**
 * The guards every page, layout, route handler and server action calls
 * itself: the proxy only turns anonymous visitors away early, and hiding a
 * button in the UI is never a check.
 */

/** The signed-in user; anyone else is sent to sign in and brought back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl(returnTo));
  return user;
}

/**
 * The signed-in admin; anonymous visitors go to sign in, everyone else gets
 * 403 (app/forbidden.tsx), and their attempt on `surface` (the page, route or
 * action; null for the admin layout, whose page records it) is audited.
 */
export async function requireAdmin(returnTo = "/admin", surface: string | null = returnTo): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (user.role !== ADMIN_ROLE) {
    if (surface !== null) await recordRefusedAdminAttempt(user, surface);
    forbidden();
  }
  return user;
}
