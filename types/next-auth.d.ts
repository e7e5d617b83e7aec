import type { Role } from "@/config/roles";
import type { SessionUser } from "@/lib/auth/session";

declare module "next-auth" {
  /** What /api/auth/session returns: the session user (lib/auth/session.ts), never the token. */
  interface Session {
    user: SessionUser;
    expires: string;
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
}
