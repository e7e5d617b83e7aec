"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ADMIN_ROLE, DEFAULT_ROLE, grantsPermissions, ROLES } from "@/config/roles";
import { authorizedAction } from "@/lib/auth/action";
import { idSchema, multiLineText } from "@/lib/input";
import { banUser, deleteUser, endUserSession, setUserRole, signOutEverywhere, unbanUser } from "@/lib/users/changes";
import { endImpersonation, startImpersonation } from "@/lib/users/impersonation";
import { findUserRole } from "@/lib/users/queries";

const userId = idSchema;
/** Which are sensitive, and when: lib/auth/sensitive-actions.ts. */
const admin = { revalidate: "/admin" } as const;
const isAdmin = async (id: string) => (await findUserRole(id)) === ADMIN_ROLE;

/** A ban's optional end, as a date (UTC): in the future, and within ten years. */
const banEnd = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const until = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    const tenYears = Date.now() + 10 * 365 * 86_400_000;
    if (until && !Number.isNaN(until.getTime()) && until.getTime() > Date.now() && until.getTime() < tenYears) return until;
    ctx.addIssue({ code: "custom", message: "Choose a date after today, within ten years, or leave it empty." });
    return z.NEVER;
  });

export const setUserRoleAction = authorizedAction({
  ...admin,
  name: "setUserRole",
  permission: "users:set-role",
  schema: z.object({ userId, role: z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` }) }),
  // Making or unmaking staff: a stolen session must not make its owner's account a moderator, say.
  sensitive: async (input) => grantsPermissions(input.role) || grantsPermissions((await findUserRole(input.userId)) ?? DEFAULT_ROLE),
  run: (input, actor) => setUserRole(input.userId, input.role, actor),
});

export const banUserAction = authorizedAction({
  ...admin,
  name: "banUser",
  permission: "users:ban",
  schema: z.object({ userId, reason: multiLineText(500, "Keep the reason under 500 characters.").optional(), until: banEnd }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => banUser(input.userId, { reason: input.reason ?? null, until: input.until }, actor),
});

export const unbanUserAction = authorizedAction({
  ...admin,
  name: "unbanUser",
  permission: "users:ban",
  schema: z.object({ userId }),
  sensitive: () => true,
  run: (input, actor) => unbanUser(input.userId, actor),
});

export const signOutEverywhereAction = authorizedAction({
  ...admin,
  name: "signOutEverywhere",
  permission: "sessions:revoke",
  schema: z.object({ userId }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => signOutEverywhere(input.userId, actor),
});

export const endUserSessionAction = authorizedAction({
  ...admin,
  name: "endUserSession",
  permission: "sessions:revoke",
  schema: z.object({ userId, sessionId: idSchema }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => endUserSession(input.userId, input.sessionId, actor),
});

export const deleteUserAction = authorizedAction({
  ...admin,
  name: "deleteUser",
  permission: "users:delete",
  schema: z.object({ userId, confirm: z.literal("delete", { error: 'Type "delete" to confirm.' }) }),
  sensitive: () => true,
  // Nothing is left to show on the user's page: back to the list.
  run: async (input, actor) => {
    await deleteUser(input.userId, actor);
    redirect("/admin/users");
  },
});

export const impersonateUserAction = authorizedAction({
  ...admin,
  name: "impersonateUser",
  permission: "users:impersonate",
  schema: z.object({ userId }),
  sensitive: () => true,
  // Off to the home page, as the user.
  run: async (input, actor) => {
    await startImpersonation(input.userId, actor, actor.session.sessionId);
    // Someone else is signed in now: every layout renders again (the header, the banner).
    revalidatePath("/", "layout");
    redirect("/");
  },
});

/** "Stop" on the banner every page shows while viewing as someone: back to one's own session, and to that user's page. */
export const stopImpersonatingAction = authorizedAction({
  name: "stopImpersonating",
  schema: z.object({}),
  revalidate: "/",
  run: async (_input, actor) => {
    if (!actor.session.impersonator) return "You are not viewing as anyone.";
    await endImpersonation(actor.session.sessionId);
    revalidatePath("/", "layout");
    redirect(`/admin/users/${actor.id}`);
  },
});
