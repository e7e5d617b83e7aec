"use server";

import { z } from "zod";
import { adminAction } from "@/lib/auth/admin-action";
import { ROLES } from "@/config/roles";
import { idSchema, multiLineText } from "@/lib/input";
import { banUser, deleteUser, setUserRole, signOutEverywhere, unbanUser } from "@/lib/users/changes";

const userId = idSchema;

export const setUserRoleAction = adminAction(
  "setUserRole",
  z.object({ userId, role: z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` }) }),
  (input, context) => setUserRole(input.userId, input.role, context),
);

export const banUserAction = adminAction(
  "banUser",
  z.object({ userId, reason: multiLineText(500, "Keep the reason under 500 characters.").optional() }),
  (input, context) => banUser(input.userId, input.reason ?? null, context),
);

export const unbanUserAction = adminAction("unbanUser", z.object({ userId }), (input, context) => unbanUser(input.userId, context));

export const signOutEverywhereAction = adminAction("signOutEverywhere", z.object({ userId }), (input, context) =>
  signOutEverywhere(input.userId, context),
);

export const deleteUserAction = adminAction(
  "deleteUser",
  z.object({ userId, confirm: z.literal("delete", { error: 'Type "delete" to confirm.' }) }),
  (input, context) => deleteUser(input.userId, context),
);
