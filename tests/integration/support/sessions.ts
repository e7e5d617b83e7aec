import { createSession, newSessionToken } from "@/lib/auth/session-store";

/** A live session for a user, made as Auth.js makes one at sign-in; returns the cookie's token. */
export async function signedInAs(userId: string, expiresInMs = 86_400_000): Promise<string> {
  const sessionToken = newSessionToken();
  await createSession({ sessionToken, userId, expires: new Date(Date.now() + expiresInMs) });
  return sessionToken;
}
