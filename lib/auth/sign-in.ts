import "server-only";
import type { NextAuthConfig, Session as AuthSession } from "next-auth";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { getEm } from "@/lib/db/orm";
import { findBan } from "@/lib/users/queries";
import { banNoticeUrl } from "./ban-notice";
import { claimUnprovenAddress } from "./email-sign-in";
import { consumeLinkIntent } from "./linking";
import { provenAtOf } from "./reauthentication";
import { recordProof } from "./sign-in-proof";

type SignInAttempt = Parameters<NonNullable<NonNullable<NextAuthConfig["callbacks"]>["signIn"]>>[0];

/**
 * auth.ts's signIn callback, with `current` the session the browser already
 * has (if any):
 * - asking for an email link proves nothing yet: the link goes to whoever the
 *   address belongs to, and the answer is the same for every address;
 * - a banned user cannot sign in again, and is told why;
 * - signed in as someone already, only a "Connect" from /account may link a
 *   new sign-in method (./linking.ts); a new passkey is added only that way,
 *   by its signed-in owner;
 * - signing in again as the same user ends the current session, so Auth.js
 *   makes a new one: a token stolen before cannot ride on the new proof;
 * - an email link proves the address: an account that never proved it is
 *   taken over (./email-sign-in.ts);
 * - what the sign-in proved is recorded for the session it makes (./sign-in-proof.ts).
 */
export async function allowSignIn(
  { user, account, profile, email }: SignInAttempt,
  current: AuthSession | null,
): Promise<boolean | string> {
  if (email?.verificationRequest) return true;
  if (user.id && (await findBan(user.id))) return banNoticeUrl(user.id);
  let linking = false;
  if (account?.type === "webauthn" && !(await methodExists(account.provider, account.providerAccountId))) {
    // A new passkey: only its signed-in owner adds one, from /account, after a recent sign-in (the intent).
    linking = current !== null && current.user.id === user.id && (await consumeLinkIntent(current.user.id));
    if (!linking) return "/sign-in/error?error=PasskeyNotAdded";
  } else if (current && user.id !== current.user.id) {
    linking = await consumeLinkIntent(current.user.id);
    if (!linking) return "/sign-in/error?error=SignedInAlready";
  } else if (current) {
    await (await getEm()).nativeDelete(Session, { id: current.sessionId });
  }
  if (account?.type === "email" && user.id) await claimUnprovenAddress(user.id);
  recordProof({
    provenAt: provenAtOf(account?.type, profile?.auth_time),
    method: {
      type: account?.type ?? "unknown",
      provider: account?.provider ?? "unknown",
      providerAccountId: account?.providerAccountId ?? "",
    },
    linking,
  });
  return true;
}

async function methodExists(provider: string, providerAccountId: string): Promise<boolean> {
  return (await (await getEm()).count(Account, { provider, providerAccountId })) > 0;
}
