import { MikroOrmAdapter } from "@auth/mikro-orm-adapter";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { getEnv } from "@/config/env";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { withAppRules } from "@/lib/auth/adapter";
import { logAuthError, logAuthWarning } from "@/lib/auth/logger";
import { configuredProviders, passkeysEnabled } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/auth/return-path";
import { sessionPayload } from "@/lib/auth/session";
import { SESSION_UPDATE_AGE_SECONDS, sessionCookie } from "@/lib/auth/session-cookie";
import { newSessionToken } from "@/lib/auth/session-store";
import { allowSignIn } from "@/lib/auth/sign-in";
import { getOrm } from "@/lib/db/orm";

/**
 * The Auth.js wiring. Sessions are database sessions, found by `auth()` on
 * every request, so a role change, a ban or a sign-out applies on the next
 * one. The adapter is @auth/mikro-orm-adapter with the app's entities, on the
 * app's one MikroORM instance (getOrm; see patches/), with the few rules
 * listed in lib/auth/adapter.ts.
 */
const adapter = withAppRules(MikroOrmAdapter(getOrm, { entities: { User, Account, Session } }));
// Auth.js asks for its configuration on every call (auth() included): the providers are made once.
let providers: ReturnType<typeof configuredProviders> | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => ({
  adapter,
  session: {
    strategy: "database",
    // The idle timeout; the adapter never extends a session past SESSION_MAX_AGE from its sign-in.
    maxAge: getEnv().SESSION_IDLE_TIMEOUT,
    updateAge: SESSION_UPDATE_AGE_SECONDS,
    // 256 random bits, stored hashed (lib/auth/session-store.ts).
    generateSessionToken: newSessionToken,
  },
  // `__Host-` prefixed over https (lib/auth/session-cookie.ts).
  cookies: { sessionToken: sessionCookie(request?.headers ?? (await headers())) },
  providers: (providers ??= configuredProviders()),
  logger: { error: logAuthError, warn: logAuthWarning },
  // Auth.js's WebAuthn support is experimental; on when AUTH_PASSKEYS is (docs/passkeys.md).
  experimental: { enableWebAuthn: passkeysEnabled() },
  pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in/error", verifyRequest: "/sign-in/check-email" },
  callbacks: {
    // Every redirect Auth.js makes goes through the app's one return-path rule.
    redirect: ({ url, baseUrl }) => `${baseUrl}${safeReturnPath(url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url)}`,
    // Bans, linking and re-authentication (lib/auth/sign-in.ts), knowing who is signed in already.
    signIn: async (attempt) => allowSignIn(attempt, await auth()),
    // The browser sees this through /api/auth/session: never the database session's token.
    session: ({ session, user }) => sessionPayload(session, user),
  },
}));
