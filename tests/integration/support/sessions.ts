import { NextRequest } from "next/server";
import type { Session } from "next-auth";
import { handlers } from "@/auth";
import { createSession, newSessionToken } from "@/lib/auth/session-store";

/** A live session for a user, made as Auth.js makes one at sign-in; returns the cookie's token. */
export async function signedInAs(userId: string, expiresInMs = 86_400_000): Promise<string> {
  const sessionToken = newSessionToken();
  await createSession({ sessionToken, userId, expires: new Date(Date.now() + expiresInMs) });
  return sessionToken;
}

/** Asks Auth.js for the session, as the browser does (GET /api/auth/session), with the token in the named cookie. */
export async function sessionFromAuthJs(
  token: string,
  { cookie = "authjs.session-token", url = "http://localhost:3000/api/auth/session", headers = {} as Record<string, string> } = {},
): Promise<Session | null> {
  const request = new NextRequest(url, { headers: { ...headers, cookie: `${cookie}=${token}` } });
  return (await (await handlers.GET(request)).json()) as Session | null;
}
