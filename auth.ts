import NextAuth, { type NextAuthConfig } from "next-auth";
import { authAdapter } from "@/lib/auth-adapter";
import { configuredProviders } from "@/lib/auth-providers";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS, toSessionUser } from "@/lib/auth-session";
import { banNoticeUrl } from "@/lib/ban-notice";
import { findBan } from "@/lib/users";

let config: NextAuthConfig | undefined;

/**
 * Built on first use rather than at import, so `next build` needs no secrets
 * and a configuration error surfaces as the env schema's message.
 */
function authConfig(): NextAuthConfig {
  config ??= {
    adapter: authAdapter,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    providers: configuredProviders(),
    pages: { signIn: "/sign-in", error: "/sign-in/error" },
    callbacks: {
      // A banned user cannot sign in again; they are told why.
      async signIn({ user }) {
        const ban = user.id ? await findBan(user.id) : null;
        return ban ? banNoticeUrl(ban.reason) : true;
      },
      // The browser sees this through /api/auth/session: the user's id and
      // role, never the database session (its token included).
      session({ session, user }) {
        return { expires: session.expires, user: toSessionUser(user) };
      },
    },
  };
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
