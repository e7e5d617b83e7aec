"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { ADMIN_ROLE, ROLES } from "@/config/roles";
import { authorizedAction } from "@/lib/auth/action";
import { idSchema, multiLineText } from "@/lib/input";
import { banUser, deleteUser, endUserSession, setUserRole, signOutEverywhere, unbanUser } from "@/lib/users/changes";
import { findUserRole } from "@/lib/users/queries";

const userId = idSchema;
/** Which are sensitive, and when: lib/auth/sensitive-actions.ts. */
const admin = { role: "admin", revalidate: "/admin" } as const;
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
  schema: z.object({ userId, role: z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` }) }),
  sensitive: async (input) => input.role === ADMIN_ROLE || (await isAdmin(input.userId)),
  run: (input, actor) => setUserRole(input.userId, input.role, actor),
});

export const banUserAction = authorizedAction({
  ...admin,
  name: "banUser",
  schema: z.object({ userId, reason: multiLineText(500, "Keep the reason under 500 characters.").optional(), until: banEnd }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => banUser(input.userId, { reason: input.reason ?? null, until: input.until }, actor),
});

export const unbanUserAction = authorizedAction({
  ...admin,
  name: "unbanUser",
  schema: z.object({ userId }),
  sensitive: () => true,
  run: (input, actor) => unbanUser(input.userId, actor),
});

export const signOutEverywhereAction = authorizedAction({
  ...admin,
  name: "signOutEverywhere",
  schema: z.object({ userId }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => signOutEverywhere(input.userId, actor),
});

export const endUserSessionAction = authorizedAction({
  ...admin,
  name: "endUserSession",
  schema: z.object({ userId, sessionId: idSchema }),
  sensitive: (input) => isAdmin(input.userId),
  run: (input, actor) => endUserSession(input.userId, input.sessionId, actor),
});

export const deleteUserAction = authorizedAction({
  ...admin,
  name: "deleteUser",
  schema: z.object({ userId, confirm: z.literal("delete", { error: 'Type "delete" to confirm.' }) }),
  sensitive: () => true,
  // Nothing is left to show on the user's page: back to the list.
  run: async (input, actor) => {
    await deleteUser(input.userId, actor);
    redirect("/admin/users");
  },
});
