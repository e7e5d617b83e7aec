import type { Role } from "@/lib/roles";

/** What a session carries: the user's id and role, never the session token. */
export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
}

declare module "next-auth" {
  interface Session {
    user: SessionUser;
    expires: string;
  }
  interface User {
    role?: Role;
  }
}

declare module "@auth/core/adapters" {
  interface AdapterUser {
    role: Role;
  }
}
