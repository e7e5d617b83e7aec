import type { Provider } from "next-auth/providers";
import GitHub, { type GitHubProfile } from "next-auth/providers/github";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { getEnv, type Env } from "@/config/env";

export const LOCAL_PROVIDER_ID = "local";

/**
 * Each provider's profile, with one addition: `providerVerifiedEmail`, true
 * only when the provider vouches for the address. Auth.js hands it to the
 * adapter's createUser, where ADMIN_EMAILS makes an admin only of a verified
 * address (anyone can type someone else's email into an unverified profile).
 */

interface OidcClaims {
  sub: string;
  name?: string | null;
  email?: string | null;
  email_verified?: boolean;
  picture?: string | null;
}

function fromOidcClaims(claims: OidcClaims) {
  return {
    id: claims.sub,
    name: claims.name ?? null,
    email: claims.email ?? null,
    image: claims.picture ?? null,
    providerVerifiedEmail: claims.email_verified === true,
  };
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub says which addresses it has verified only through its emails API
 * (the `user:email` scope Auth.js asks for). The address used is the
 * profile's public one, else the primary; it counts as verified only if
 * GitHub lists it as verified.
 */
export async function githubUser(profile: GitHubProfile, accessToken: string | undefined, fetchEmails = fetch) {
  let emails: GitHubEmail[] = [];
  if (accessToken) {
    const response = await fetchEmails("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${accessToken}`, "User-Agent": "authjs" },
    });
    if (response.ok) emails = (await response.json()) as GitHubEmail[];
  }
  const email = profile.email ?? emails.find((entry) => entry.primary)?.email ?? null;
  const listed = emails.find((entry) => email !== null && entry.email.toLowerCase() === email.toLowerCase());
  return {
    id: String(profile.id),
    name: profile.name ?? profile.login,
    email,
    image: profile.avatar_url,
    providerVerifiedEmail: listed?.verified === true,
  };
}

/** The sign-in methods this deployment offers, from its configuration. */
export function configuredProviders(env: Env = getEnv()): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        profile: (profile, tokens) => githubUser(profile, tokens.access_token),
      }),
    );
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        profile: (profile: GoogleProfile) => fromOidcClaims(profile),
      }),
    );
  }
  if (env.AUTH_LOCAL_OIDC_ISSUER) {
    // The development identity provider (scripts/local-idp.ts): a real
    // OpenID Connect flow with no OAuth app to register.
    providers.push({
      id: LOCAL_PROVIDER_ID,
      name: "Local test identity provider",
      type: "oidc",
      issuer: env.AUTH_LOCAL_OIDC_ISSUER,
      clientId: env.AUTH_LOCAL_OIDC_ID,
      clientSecret: env.AUTH_LOCAL_OIDC_SECRET,
      // Always show its login page, so each sign-in can be a different person.
      authorization: { params: { scope: "openid email profile", prompt: "login" } },
      profile: (profile: OidcClaims) => fromOidcClaims(profile),
    });
  }
  return providers;
}

export interface ProviderChoice {
  id: string;
  name: string;
}

/** Id and display name of each configured provider, for the sign-in page. */
export function providerChoices(): ProviderChoice[] {
  return configuredProviders().map((provider) => {
    const config = typeof provider === "function" ? provider() : provider;
    return { id: config.id, name: config.name };
  });
}
