import type { Session } from "next-auth";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import type { Role } from "@/config/roles";

/** What the app and the browser know of the signed-in user: never the session token. */
export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
}

/** Who is viewing the app as the session's user (lib/users/impersonation.ts). */
export interface Impersonator {
  id: string;
  name: string | null;
  email: string | null;
}

/**
 * What `auth()` and /api/auth/session return (auth.ts's session callback):
 * the session user, this session's id (not its token: /account marks and
 * ends sessions by it) and when its user last proved who they are
 * (re-authentication), and who is impersonating them, if anyone. Dates as
 * ISO strings: Auth.js sends it as JSON.
 */
export function sessionPayload(session: AdapterSession, user: AdapterUser): Session {
  return {
    user: { id: user.id, name: user.name ?? null, email: user.email || null, image: user.image ?? null, role: user.role },
    expires: session.expires.toISOString(),
    sessionId: session.id,
    authenticatedAt: session.authenticatedAt.toISOString(),
    impersonator: session.impersonator ?? null,
  };
}
