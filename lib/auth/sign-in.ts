import "server-only";
import type { NextAuthConfig, Session } from "next-auth";
import { findBan } from "@/lib/users/queries";
import { banNoticeUrl } from "./ban-notice";
import { claimUnprovenAddress } from "./email-sign-in";
import { consumeLinkIntent } from "./linking";
import { proveSignIn } from "./reauthentication";

type SignInAttempt = Parameters<NonNullable<NonNullable<NextAuthConfig["callbacks"]>["signIn"]>>[0];

/**
 * auth.ts's signIn callback, with `current` the session the browser already
 * has (if any):
 * - asking for an email link proves nothing yet: the link goes to whoever the
 *   address belongs to, and the answer is the same for every address;
 * - a banned user cannot sign in again, and is told why;
 * - signed in as someone already, only a "Connect" from /account may link a
 *   new sign-in method (./linking.ts);
 * - an email link proves the address: an account that never proved it is
 *   taken over (./email-sign-in.ts);
 * - anyone else has just proved who they are: recorded for re-authentication.
 */
export async function allowSignIn({ user, account, profile, email }: SignInAttempt, current: Session | null): Promise<boolean | string> {
  if (email?.verificationRequest) return true;
  if (user.id && (await findBan(user.id))) return banNoticeUrl(user.id);
  if (current && user.id !== current.user.id && !(await consumeLinkIntent(current.user.id))) {
    return "/sign-in/error?error=SignedInAlready";
  }
  if (account?.type === "email" && user.id) await claimUnprovenAddress(user.id);
  await proveSignIn(user.id, profile?.auth_time, current);
  return true;
}
