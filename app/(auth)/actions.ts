"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { authorizedAction, publicAction, type ActionResult } from "@/lib/auth/action";
import { markLinkIntent } from "@/lib/auth/linking";
import { EMAIL_PROVIDER_ID, emailSignInEnabled, isOfferedProvider } from "@/lib/auth/providers";
import { requestOrigin } from "@/lib/auth/request-origin";
import { safeReturnPath } from "@/lib/auth/return-path";
import { EmailDeliveryError } from "@/lib/email/mailer";
import { consume, ipSubject } from "@/lib/rate-limit/limits";
import { limitEmailLinkRequest } from "@/lib/rate-limit/sign-in";
import { reauthenticationProvider } from "@/lib/users/account";
import { emailAddressSchema } from "@/lib/users/email";
import { UserActionError } from "@/lib/users/errors";

/** A return path too long to be real is dropped, not the sign-in. */
const callbackUrl = z.string().max(2048).optional().catch(undefined);
const provider = z.string().max(64).refine(isOfferedProvider, "That sign-in method is not offered here.");

/** Sign-in starts count against the client's sign-in limit, with Auth.js's own route (lib/rate-limit/sign-in.ts). */
async function withinSignInLimit(): Promise<void> {
  const { ip } = await requestOrigin();
  const verdict = await consume("sign-in", [`signin:${ipSubject(ip)}`]);
  if (!verdict.allowed) {
    throw new UserActionError(`Too many sign-in attempts from your network. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`);
  }
}

/** Auth.js redirects (to the provider, or to "check your email") by throwing; reaching the end is a bug. */
async function redirectedBy(signingIn: Promise<unknown>): Promise<never> {
  await signingIn;
  throw new Error("Auth.js neither redirected nor failed");
}

/** Starts a sign-in with one of the configured providers, within the client's sign-in rate limit. */
export const signInWithProvider = publicAction(z.object({ provider, callbackUrl }), async (input) => {
  await withinSignInLimit();
  return redirectedBy(signIn(input.provider, { redirectTo: safeReturnPath(input.callbackUrl) }));
});

/**
 * "Email me a sign-in link": within the IP's sign-in limit and the address's
 * link limit, Auth.js's email provider sends a link and redirects to "check
 * your email". The answer is the same whether or not the address has an
 * account; a link for a new address makes the account when it is opened.
 */
export const requestEmailLink = publicAction(z.object({ email: emailAddressSchema, callbackUrl }), async (input): Promise<ActionResult> => {
  if (!emailSignInEnabled()) return { status: "error", message: "Sign-in by email is not set up on this site." };
  const verdict = await limitEmailLinkRequest((await requestOrigin()).ip, input.email);
  if (!verdict.allowed) {
    return { status: "error", message: `Too many sign-in links were asked for. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.` };
  }
  try {
    return await redirectedBy(signIn(EMAIL_PROVIDER_ID, { email: input.email, redirectTo: safeReturnPath(input.callbackUrl) }));
  } catch (error) {
    if (!(error instanceof EmailDeliveryError)) throw error;
    return { status: "error", message: "The email could not be sent just now. Try again in a few minutes, or choose another way to sign in." };
  }
});

export const signOutUser = publicAction(z.object({}), () => redirectedBy(signOut({ redirectTo: "/" })));

/**
 * "Sign in again": sends the signed-in user through one of their own
 * providers with `prompt=login` and `max_age=0`, so the provider asks them to
 * prove who they are now, and brings them back to `returnTo` (the page and
 * form they were on). The sign-in records the proof on the session, which
 * opens the re-authentication window. Without a provider of their own, they
 * choose a way to sign in (an email link, say).
 */
export const reauthenticate = authorizedAction({
  name: "reauthenticate",
  role: "user",
  schema: z.object({ returnTo: z.string().max(2048).optional() }),
  revalidate: "/",
  run: async (input, actor) => {
    const returnTo = safeReturnPath(input.returnTo);
    await withinSignInLimit();
    const provider = await reauthenticationProvider(actor.id);
    if (!provider) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
    return redirectedBy(signIn(provider, { redirectTo: returnTo }, { prompt: "login", max_age: "0" }));
  },
});

/**
 * Connects another sign-in method: the signed-in user signs in with another
 * provider (or another identity at the same one), and Auth.js links it to
 * their account rather than making a new one.
 */
export const connectProvider = authorizedAction({
  name: "connectProvider",
  role: "user",
  schema: z.object({ provider }),
  revalidate: "/account",
  run: async (input, actor) => {
    await withinSignInLimit();
    await markLinkIntent(actor.id);
    return redirectedBy(signIn(input.provider, { redirectTo: "/account" }, { prompt: "login" }));
  },
});
