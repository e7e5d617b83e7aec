import "server-only";
import type { Session } from "next-auth";
import { getEnv } from "@/config/env";

/**
 * Re-authentication ("sudo mode"): sensitive actions
 * (./sensitive-actions.ts) need the user to have proved who they are within
 * REAUTH_WINDOW (default 10 minutes). Each session records when that was,
 * by what each kind of sign-in proves (docs/security.md):
 * - OpenID Connect: the ID token's `auth_time`, when the user last entered
 *   their credentials at the provider (which may be long before, on a
 *   single sign-on). A token without it proves nothing recent; asking again
 *   sends `max_age=0`, which obliges the provider to include it;
 * - OAuth without OpenID Connect (GitHub): the round trip just made, which
 *   the provider completed only for its signed-in user;
 * - an email link: opening it now, from the mailbox;
 * - a passkey: now, with the user verification the Passkey provider requires;
 * - anything else: nothing recent.
 */
export function provenAtOf(type: string | undefined, authTime: unknown, now = Date.now()): Date | null {
  switch (type) {
    case "oidc":
      return typeof authTime === "number" && authTime > 0 ? new Date(Math.min(authTime * 1000, now)) : null;
    case "oauth":
    case "email":
    case "webauthn":
      return new Date(now);
    default:
      return null;
  }
}

/** Whether the session proved its user too long ago for a sensitive action. */
export function needsReauthentication(session: Pick<Session, "authenticatedAt">, now = Date.now()): boolean {
  return now - new Date(session.authenticatedAt).getTime() > getEnv().REAUTH_WINDOW * 1000;
}
