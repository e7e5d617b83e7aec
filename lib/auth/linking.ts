import "server-only";
import { cookies, headers } from "next/headers";
import { isHttpsRequest } from "./session-cookie";
import { signToken, verifyToken } from "./signed-token";

/**
 * When a signed-in user completes a sign-in with a provider account that is
 * not theirs, Auth.js links that account to them. That must happen only when
 * they asked for it ("Connect" on /account): otherwise a session cookie
 * planted in someone's browser would capture the next identity they sign in
 * with. "Connect" leaves a short-lived signed intent in a cookie; the sign-in
 * (./sign-in.ts) allows linking only with it.
 */
const PURPOSE = "link intent";
const LIFETIME_MS = 10 * 60 * 1000;

/** The intent's cookie: like the session cookie, `__Host-` prefixed and Secure over https. */
async function intentCookie() {
  const secure = isHttpsRequest(await headers());
  return { name: `${secure ? "__Host-" : ""}link-intent`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

/** Called by the "Connect" action before it sends the user to the provider. */
export async function markLinkIntent(userId: string): Promise<void> {
  const { name, options } = await intentCookie();
  (await cookies()).set(name, signToken(PURPOSE, userId, LIFETIME_MS), { ...options, maxAge: LIFETIME_MS / 1000 });
}

/** Whether `userId` started a "Connect" in this browser; the intent is used up either way. */
export async function consumeLinkIntent(userId: string): Promise<boolean> {
  const { name, options } = await intentCookie();
  const jar = await cookies();
  const intent = verifyToken(PURPOSE, jar.get(name)?.value);
  jar.set(name, "", { ...options, maxAge: 0 });
  return intent === userId;
}
