import "server-only";
import type { Session as AuthSession } from "next-auth";
import { getEnv } from "@/config/env";
import { Session } from "@/entities/Session";
import { getEm } from "@/lib/db/orm";
import { recordProof } from "./sign-in-proof";

/**
 * Re-authentication ("sudo mode"): sensitive actions need the user to have
 * proved who they are with their provider within REAUTH_WINDOW (default 10
 * minutes). Each session records when that last happened.
 */

/**
 * Called on every successful sign-in (./sign-in.ts): the user proved who
 * they are at the provider's `auth_time` (OpenID Connect), else now. A new
 * session is stamped with it when it is created; and since Auth.js makes no
 * new session when the signed-in user signs in again, their current session
 * (`current`) is stamped here.
 */
export async function proveSignIn(userId: string | undefined, authTime: unknown, current: AuthSession | null): Promise<void> {
  const now = Date.now();
  const provenAt = new Date(typeof authTime === "number" && authTime > 0 ? Math.min(authTime * 1000, now) : now);
  recordProof(provenAt);
  if (userId && current?.user.id === userId) {
    const em = await getEm();
    await em.nativeUpdate(Session, { id: current.sessionId }, { authenticatedAt: provenAt });
  }
}

/** Whether the session proved its user too long ago for a sensitive action. */
export function needsReauthentication(session: Pick<AuthSession, "authenticatedAt">, now = Date.now()): boolean {
  return now - new Date(session.authenticatedAt).getTime() > getEnv().REAUTH_WINDOW * 1000;
}
