import "server-only";
import { cookies } from "next/headers";
import { getCurrentSession } from "./session";
import { signToken, verifyToken } from "./signed-token";

/**
 * When a signed-in user completes a sign-in with a provider account that is
 * not theirs, Auth.js links that account to them. That must happen only when
 * they asked for it ("Connect" on /account): otherwise a session cookie
 * planted in someone's browser would capture the next identity they sign in
 * with. "Connect" leaves a short-lived signed intent in a cookie; the sign-in
 * (auth.ts's signIn callback) allows linking only with it.
 */
const PURPOSE = "link intent";
const COOKIE = "link-intent";
const LIFETIME_MS = 10 * 60 * 1000;

/** Called by the "Connect" action before it sends the user to the provider. */
export async function markLinkIntent(userId: string): Promise<void> {
  (await cookies()).set(COOKIE, signToken(PURPOSE, userId, LIFETIME_MS), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: LIFETIME_MS / 1000,
  });
}

/**
 * Whether a sign-in as `userId` (the provider account's user, or a new one)
 * may go ahead: always when nobody is signed in, or when it is the signed-in
 * user again; otherwise only as a "Connect" the signed-in user started.
 */
export async function mayCompleteSignIn(userId: string | undefined): Promise<boolean> {
  const current = await getCurrentSession();
  if (!current || userId === current.user.id) return true;
  const jar = await cookies();
  const intent = verifyToken(PURPOSE, jar.get(COOKIE)?.value);
  jar.delete(COOKIE);
  return intent === current.user.id;
}
