"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { idSchema, singleLineText } from "@/lib/input";
import { disconnectSignInMethod, endOtherSessions, endOwnSession, renameUser } from "@/lib/users/account";

const own = { revalidate: "/account" } as const;

export const updateProfileAction = authorizedAction({
  ...own,
  name: "updateProfile",
  schema: z.object({ name: singleLineText(100, "Keep your name under 100 characters.").pipe(z.string().min(1, "Enter a name.")) }),
  run: (input, actor) => renameUser(actor.id, input.name),
});

export const endSessionAction = authorizedAction({
  ...own,
  name: "endSession",
  schema: z.object({ sessionId: idSchema }),
  run: (input, actor) => endOwnSession(actor.id, input.sessionId),
});

export const endOtherSessionsAction = authorizedAction({
  ...own,
  name: "endOtherSessions",
  schema: z.object({}),
  run: (_input, actor) => endOtherSessions(actor.id, actor.session.sessionId),
});

export const disconnectAction = authorizedAction({
  ...own,
  name: "disconnectSignInMethod",
  schema: z.object({ accountId: idSchema }),
  sensitive: () => true,
  run: (input, actor) => disconnectSignInMethod(actor.id, input.accountId),
});
