import type { Provider } from "next-auth/providers";
import GitHub, { type GitHubProfile } from "next-auth/providers/github";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import Passkey from "next-auth/providers/passkey";
import { getEnv, type Env } from "@/config/env";
import { flag } from "@/config/env-fields";
import { sendSignInLink } from "@/lib/email/mailer";
import { emailAddressSchema } from "@/lib/users/email";

export const LOCAL_PROVIDER_ID = "local";
export const EMAIL_PROVIDER_ID = "email";

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

/** Email sign-in links are enabled by setting both EMAIL_SERVER and EMAIL_FROM (the env schema refuses one alone). */
function emailSettings(env: Env): { server: string; from: string } | null {
  return env.EMAIL_SERVER && env.EMAIL_FROM ? { server: env.EMAIL_SERVER, from: env.EMAIL_FROM } : null;
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
  if (env.AUTH_PASSKEYS) {
    // Auth.js's Passkey provider (WebAuthn, experimental in Auth.js): the relying party is AUTH_URL's host.
    providers.push(Passkey({ name: "Passkey" }));
  }
  const email = emailSettings(env);
  if (email) {
    // Sign-in links by email. The token in a link is random; Auth.js stores
    // only its hash, and lib/auth/verification-tokens.ts uses it up once.
    providers.push(
      Nodemailer({
        id: EMAIL_PROVIDER_ID,
        name: "Email",
        server: email.server,
        from: email.from,
        maxAge: env.EMAIL_LINK_TTL,
        normalizeIdentifier: (identifier) => emailAddressSchema.parse(identifier),
        sendVerificationRequest: (request) => sendSignInLink(request),
      }),
    );
  }
  return providers;
}

export interface ProviderChoice {
  id: string;
  name: string;
}

/**
 * Id and display name of each configured provider one signs in with by
 * going to it (OAuth and OpenID Connect), for the sign-in page's buttons and
 * "Connect" on /account. Email links have their own form.
 */
export function providerChoices(): ProviderChoice[] {
  return providerConfigs()
    .filter((config) => config.type === "oauth" || config.type === "oidc")
    .map((config) => ({ id: config.id, name: config.name }));
}

/** Each configured provider's type, id and name, as Auth.js reads them (options given to a provider override its defaults). */
function providerConfigs(): { type: string; id: string; name: string }[] {
  return configuredProviders().map((provider) => {
    const config = typeof provider === "function" ? provider() : provider;
    const options = (config as { options?: { id?: string; name?: string } }).options;
    return { type: config.type, id: options?.id ?? config.id, name: options?.name ?? config.name };
  });
}

/** The id of every configured provider, OAuth or email. */
export function configuredProviderIds(): Set<string> {
  return new Set(providerConfigs().map((config) => config.id));
}

/** A provider's display name ("GitHub"), or its id when it is no longer configured. */
export function providerName(id: string): string {
  return providerChoices().find((choice) => choice.id === id)?.name ?? id;
}

/** Whether `id` is one of providerChoices(): a form naming any other is refused. */
export function isOfferedProvider(id: string): boolean {
  return providerChoices().some((choice) => choice.id === id);
}

/**
 * Whether passkeys are offered (AUTH_PASSKEYS), read alone: the root layout
 * asks while `next build` renders, without the app's secrets.
 */
export function passkeysEnabled(): boolean {
  return flag().safeParse(process.env.AUTH_PASSKEYS).data === true;
}

/** Whether sign-in links by email are offered. */
export function emailSignInEnabled(env: Env = getEnv()): boolean {
  return emailSettings(env) !== null;
}
