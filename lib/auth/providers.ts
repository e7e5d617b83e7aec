import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getEnv, type Env } from "@/config/env";

export const LOCAL_PROVIDER_ID = "local";

/** The sign-in methods this deployment offers, from its configuration. */
export function configuredProviders(env: Env = getEnv()): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
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
