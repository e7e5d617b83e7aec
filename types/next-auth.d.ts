import type { Role } from "@/config/roles";
import type { Impersonator, SessionUser } from "@/lib/auth/session";

declare module "next-auth" {
  /** What auth() and /api/auth/session return (lib/auth/session.ts), never the token. */
  interface Session {
    user: SessionUser;
    expires: string;
    sessionId: string;
    authenticatedAt: string;
    impersonator: Impersonator | null;
  }
  interface User {
    role?: Role;
    /** Set by lib/auth/providers.ts: the provider vouches for the email address. */
    providerVerifiedEmail?: boolean;
  }
}

declare module "@auth/core/adapters" {
  interface AdapterUser {
    role: Role;
  }
  /** The app's sessions (lib/auth/session-store.ts) also have an id and a sign-in proof. */
  interface AdapterSession {
    id: string;
    authenticatedAt: Date;
    /** Who is viewing the app as this session's user (lib/users/impersonation.ts), if anyone. */
    impersonator?: Impersonator | null;
  }
}
