import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getEnv } from "@/config/env";
import { emailSignInEnabled, passkeysEnabled, providerChoices } from "@/lib/auth/providers";
import { getSession } from "@/lib/auth/guards";
import { safeReturnPath } from "@/lib/auth/return-path";
import { EmailLinkForm } from "./_components/email-link-form";
import { PasskeySignIn } from "./_components/passkey-sign-in";
import { ProviderButton } from "./_components/provider-button";

export const metadata: Metadata = { title: "Sign in" };

const SIGN_IN_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked:
    "An account with that email already exists. Sign in the way you did before, or with an email link, " +
    "then connect this sign-in method from your account page.",
};

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl, error } = await searchParams;
  const authUrl = getEnv().AUTH_URL;
  const returnTo = safeReturnPath(callbackUrl, authUrl && new URL(authUrl).origin);
  if (await getSession()) redirect(returnTo);
  const providers = providerChoices();
  const emailLinks = emailSignInEnabled();
  const passkeys = passkeysEnabled();
  return (
    <section className="mx-auto max-w-sm py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      {typeof error === "string" && Object.hasOwn(SIGN_IN_ERRORS, error) && (
        <p role="alert" className="mt-4 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive">
          {SIGN_IN_ERRORS[error]}
        </p>
      )}
      {providers.length === 0 && !emailLinks && (
        <p role="alert" className="mt-4 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm text-warning">
          No sign-in provider is configured. Set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET, AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET, EMAIL_SERVER
          and EMAIL_FROM, or AUTH_LOCAL_OIDC_ISSUER for development (see docs/configuration.md).
        </p>
      )}
      {passkeys && (
        <div className="mt-6">
          <PasskeySignIn returnTo={returnTo} />
        </div>
      )}
      {providers.length > 0 && (
        <ul className="mt-6 space-y-3">
          {providers.map((provider) => (
            <li key={provider.id}>
              <ProviderButton provider={provider} returnTo={returnTo} />
            </li>
          ))}
        </ul>
      )}
      {emailLinks && (
        <div className={providers.length > 0 ? "mt-6 border-t border-border pt-6" : "mt-6"}>
          <EmailLinkForm returnTo={returnTo} passkeyAutofill={passkeys} />
        </div>
      )}
    </section>
  );
}
