import { MikroOrmAdapter } from "@auth/mikro-orm-adapter";
import { getEnv } from "@/config/env";
import { headers } from "next/headers";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { withAppRules } from "@/lib/auth/adapter";
import { banNoticeUrl } from "@/lib/auth/ban-notice";
import { safeReturnPath } from "@/lib/auth/return-path";
import { isHttpsRequest, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { configuredProviders } from "@/lib/auth/providers";
import { claimUnprovenAddress } from "@/lib/auth/email-sign-in";
import { mayCompleteSignIn } from "@/lib/auth/linking";
import { logAuthError } from "@/lib/auth/logger";
import { proveSignIn } from "@/lib/auth/reauthentication";
import { SESSION_UPDATE_AGE_SECONDS, sessionLifetimes, toSessionUser } from "@/lib/auth/session";
import { newSessionToken } from "@/lib/auth/session-store";
import { ormOptions } from "@/lib/db/orm";
import { findBan } from "@/lib/users/queries";

const globalForAuth = globalThis as typeof globalThis & { authAdapter?: Adapter };

/**
 * The adapter, made once per process (Next.js loads this file once per
 * bundle). It cannot be handed a MikroORM instance and opens one itself, so
 * withAppRules makes that instance the app's one ORM (getOrm in lib/db/orm.ts).
 */
export const authAdapter = (globalForAuth.authAdapter ??= withAppRules(
  MikroOrmAdapter(ormOptions(), { entities: { User, Account, Session } }),
));

function sessionCookie(requestHeaders: Headers) {
  const authUrl = getEnv().AUTH_URL;
  const secure = isHttpsRequest(requestHeaders, authUrl);
  return { name: sessionCookieName(requestHeaders, authUrl), options: sessionCookieOptions(secure) };
}

export const { handlers, signIn, signOut } = NextAuth(async (request) => ({
  adapter: authAdapter,
  // Tokens are 256 random bits, stored hashed (lib/auth/session-store.ts); maxAge is the idle timeout.
  session: {
    strategy: "database",
    maxAge: sessionLifetimes().idleSeconds,
    updateAge: SESSION_UPDATE_AGE_SECONDS,
    generateSessionToken: newSessionToken,
  },
  // The session cookie's name by the app's one rule (lib/auth/session-cookie.ts): __Host- over https.
  cookies: { sessionToken: sessionCookie(request?.headers ?? (await headers())) },
  providers: configuredProviders(),
  logger: { error: logAuthError },
  pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in/error", verifyRequest: "/sign-in/check-email" },
  callbacks: {
    // Every redirect Auth.js makes goes through the app's one return-path rule.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeReturnPath(url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url)}`;
    },
    // A banned user cannot sign in again; they are told why. Anyone else has
    // just proved who they are: recorded for re-authentication ("sudo mode").
    // Signed in as someone already, only a "Connect" from /account may link a new account.
    // Asking for an email link proves nothing yet: the link is sent to whoever
    // the address belongs to, and the answer is the same for every address.
    async signIn({ user, account, profile, email }) {
      if (email?.verificationRequest) return true;
      if (user.id && (await findBan(user.id))) return banNoticeUrl(user.id);
      if (!(await mayCompleteSignIn(user.id))) return "/sign-in/error?error=SignedInAlready";
      // The link proved the address: an account that never proved it is taken over (lib/auth/email-sign-in.ts).
      if (account?.type === "email" && user.id) await claimUnprovenAddress(user.id);
      await proveSignIn(user.id, profile?.auth_time);
      return true;
    },
    // The browser sees this through /api/auth/session: the session user,
    // never the database session (its token included).
    session({ session, user }) {
      return { expires: session.expires, user: toSessionUser(user) };
    },
  },
}));
