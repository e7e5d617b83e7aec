import NextAuth, { type NextAuthConfig } from "next-auth";
import { authAdapter } from "@/lib/auth-adapter";
import { configuredProviders } from "@/lib/auth-providers";

let config: NextAuthConfig | undefined;

/**
 * Built on first use rather than at import, so `next build` needs no secrets
 * and a configuration error surfaces as the env schema's message.
 */
function authConfig(): NextAuthConfig {
  config ??= {
    adapter: authAdapter,
    session: { strategy: "database" },
    providers: configuredProviders(),
    pages: { signIn: "/sign-in", error: "/sign-in/error" },
    callbacks: {
      // The browser sees this through /api/auth/session: the user's id and
      // role, never the database session (its token included).
      session({ session, user }) {
        return {
          expires: session.expires,
          user: {
            id: user.id,
            name: user.name ?? null,
            email: user.email || null,
            image: user.image ?? null,
            role: user.role,
          },
        };
      },
    },
  };
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
