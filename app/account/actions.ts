"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { markLinkIntent } from "@/lib/auth/linking";
import { rememberPasskeyName } from "@/lib/auth/passkeys";
import { removePasskey, renamePasskey } from "@/lib/users/passkeys";
import { idSchema, singleLineText } from "@/lib/input";
import { disconnectSignInMethod, endOtherSessions, endOwnSession, renameUser } from "@/lib/users/account";
import { UserActionError } from "@/lib/users/errors";

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
  // The user's devices are theirs: someone viewing as them ends nothing there.
  ownerOnly: true,
  schema: z.object({ sessionId: idSchema }),
  run: (input, actor) => endOwnSession(actor.id, input.sessionId),
});

export const endOtherSessionsAction = authorizedAction({
  ...own,
  name: "endOtherSessions",
  ownerOnly: true,
  schema: z.object({}),
  run: (_input, actor) => endOtherSessions(actor.id, actor.session.sessionId),
});

export const disconnectAction = authorizedAction({
  ...own,
  name: "disconnectSignInMethod",
  schema: z.object({ accountId: idSchema }),
  sensitive: () => true,
  run: (input, actor) => disconnectSignInMethod(actor.id, input.accountId, actor.session.sessionId),
});

const passkeyName = singleLineText(100, "Keep the name under 100 characters.");

/**
 * "Add a passkey", before the browser makes one: the recent sign-in it needs,
 * and the intent that lets the sign-in that follows add it to this account
 * (lib/auth/linking.ts), with its name. The form then runs the browser's
 * ceremony (Auth.js's Passkey provider).
 */
export const addPasskeyAction = authorizedAction({
  ...own,
  name: "addPasskey",
  schema: z.object({ name: passkeyName.optional() }),
  sensitive: () => true,
  run: async (input, actor) => {
    // Auth.js's passkey registration names the passkey's user by email.
    if (!actor.email)
      throw new UserActionError("A passkey needs an email address on your account: sign in with a provider that gives one.");
    await markLinkIntent(actor.id);
    if (input.name) await rememberPasskeyName(input.name);
    return "Follow your browser's prompt to create the passkey.";
  },
});

export const renamePasskeyAction = authorizedAction({
  ...own,
  name: "renamePasskey",
  schema: z.object({ passkeyId: idSchema, name: passkeyName.pipe(z.string().min(1, "Enter a name.")) }),
  run: (input, actor) => renamePasskey(actor.id, input.passkeyId, input.name),
});

export const removePasskeyAction = authorizedAction({
  ...own,
  name: "removePasskey",
  schema: z.object({ passkeyId: idSchema }),
  sensitive: () => true,
  run: (input, actor) => removePasskey(actor.id, input.passkeyId, actor.session.sessionId),
});
