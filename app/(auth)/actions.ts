"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { Account } from "@/entities/Account";
import type { ActionResult } from "@/lib/auth/action";
import { configuredProviders, EMAIL_PROVIDER_ID, emailSignInEnabled, providerChoices } from "@/lib/auth/providers";
import { safeReturnPath, signInUrl } from "@/lib/auth/return-path";
import { markLinkIntent } from "@/lib/auth/linking";
import { getCurrentUser } from "@/lib/auth/session";
import { getEm } from "@/lib/db/orm";
import { requestOrigin } from "@/lib/auth/request-origin";
import { EmailDeliveryError } from "@/lib/email/mailer";
import { consume, ipSubject } from "@/lib/rate-limit/limits";
import { limitEmailLinkRequest } from "@/lib/rate-limit/sign-in";
import { emailAddressSchema } from "@/lib/users/email";

/** Sign-in starts count against the client's sign-in limit, with Auth.js's own route (lib/rate-limit/sign-in.ts). */
async function withinSignInLimit(): Promise<void> {
  const { ip } = await requestOrigin();
  if (!(await consume("sign-in", [`signin:${ipSubject(ip)}`])).allowed) redirect("/sign-in?error=TooManyAttempts");
}

const signInSchema = z.object({
  provider: z.string().max(64),
  // A return path too long to be real is dropped, not the sign-in.
  callbackUrl: z.string().max(2048).optional().catch(undefined),
});

/**
 * Starts a sign-in with one of the configured providers, within the client's
 * sign-in rate limit. A missing or unknown provider (a forged form) or too
 * many attempts go back to the sign-in page with a message.
 */
export async function signInWithProvider(formData: unknown): Promise<void> {
  // A hand-made request can send anything as the form: only a FormData is read.
  const input = signInSchema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : {});
  if (!input.success || !providerChoices().some((provider) => provider.id === input.data.provider)) {
    redirect("/sign-in?error=UnknownProvider");
  }
  await withinSignInLimit();
  await signIn(input.data.provider, { redirectTo: safeReturnPath(input.data.callbackUrl) });
}

const emailLinkSchema = z.object({
  email: emailAddressSchema,
  callbackUrl: z.string().max(2048).optional().catch(undefined),
});

/**
 * "Email me a sign-in link": within the IP's sign-in limit and the address's
 * link limit, Auth.js's email provider sends a link and redirects to "check
 * your email". The answer is the same whether or not the address has an
 * account; a link for a new address makes the account when it is opened.
 */
export async function requestEmailLink(_previous: ActionResult | null, formData: unknown): Promise<ActionResult> {
  const fields = formData instanceof FormData ? Object.fromEntries(formData) : {};
  const input = emailLinkSchema.safeParse(fields);
  if (!input.success) {
    return { status: "error", message: "Check the email address.", fieldErrors: z.flattenError(input.error).fieldErrors };
  }
  if (!emailSignInEnabled()) return { status: "error", message: "Sign-in by email is not set up on this site." };
  const { ip } = await requestOrigin();
  const verdict = await limitEmailLinkRequest(ip, input.data.email);
  if (!verdict.allowed) {
    return { status: "error", message: `Too many sign-in links were asked for. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.` };
  }
  try {
    await signIn(EMAIL_PROVIDER_ID, { email: input.data.email, redirectTo: safeReturnPath(input.data.callbackUrl) });
  } catch (error) {
    if (!(error instanceof EmailDeliveryError)) throw error;
    return { status: "error", message: "The email could not be sent just now. Try again in a few minutes, or choose another way to sign in." };
  }
  throw new Error("Auth.js neither redirected nor failed after sending a sign-in link");
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/**
 * "Sign in again": sends the signed-in user through one of their own
 * providers with `prompt=login` and `max_age=0`, so the provider asks them to
 * prove who they are now, and brings them back to `returnTo` (the page and
 * form they were on). auth.ts's signIn callback records the proof on the
 * session, which opens the re-authentication window.
 */
export async function reauthenticate(formData: unknown): Promise<void> {
  const fields = formData instanceof FormData ? formData : new FormData();
  const returnTo = safeReturnPath(fields.get("returnTo"));
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl(returnTo));
  await withinSignInLimit();
  const em = await getEm();
  const linked = new Set((await em.find(Account, { user: user.id }, { fields: ["provider"] })).map((account) => account.provider));
  const provider = configuredProviders()
    .map((entry) => (typeof entry === "function" ? entry() : entry).id)
    .find((id) => linked.has(id));
  if (!provider) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
  await signIn(provider, { redirectTo: returnTo }, { prompt: "login", max_age: "0" });
}

/**
 * Connects another sign-in method: the signed-in user signs in with another
 * provider (or another identity at the same one), and Auth.js links it to
 * their account rather than making a new one.
 */
export async function connectProvider(formData: unknown): Promise<void> {
  const provider = formData instanceof FormData ? formData.get("provider") : null;
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Faccount");
  if (typeof provider !== "string" || !providerChoices().some((choice) => choice.id === provider)) redirect("/account");
  await withinSignInLimit();
  await markLinkIntent(user.id);
  await signIn(provider, { redirectTo: "/account" }, { prompt: "login" });
}
