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
import { emailSignInAddress, reauthenticationProvider } from "@/lib/users/account";
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
    throw new UserActionError(
      `Too many sign-in attempts from your network. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
    );
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
export const requestEmailLink = publicAction(z.object({ email: emailAddressSchema, callbackUrl }), async (input) => {
  if (!emailSignInEnabled()) return { status: "error", message: "Sign-in by email is not set up on this site." };
  return sendSignInLink(input.email, safeReturnPath(input.callbackUrl));
});

/** Sends a sign-in link within the limits (lib/rate-limit/sign-in.ts) and goes to "check your email"; or says why not. */
async function sendSignInLink(email: string, returnTo: string): Promise<ActionResult> {
  const verdict = await limitEmailLinkRequest((await requestOrigin()).ip, email);
  if (!verdict.allowed) {
    return {
      status: "error",
      message: `Too many sign-in links were asked for. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
    };
  }
  // A link went to this address moments ago, and still works: the same answer, and no second email.
  if (!verdict.send) redirect("/sign-in/check-email");
  try {
    return await redirectedBy(signIn(EMAIL_PROVIDER_ID, { email, redirectTo: returnTo }));
  } catch (error) {
    if (!(error instanceof EmailDeliveryError)) throw error;
    return {
      status: "error",
      message: "The email could not be sent just now. Try again in a few minutes, or choose another way to sign in.",
    };
  }
}

export const signOutUser = publicAction(z.object({}), () => redirectedBy(signOut({ redirectTo: "/" })));

/**
 * "Sign in again": sends the signed-in user through one of their own
 * providers with `prompt=login` and `max_age=0`, so the provider asks them to
 * prove who they are now, and brings them back to `returnTo` (the page and
 * form they were on); without a provider, a sign-in link goes to their
 * verified address. The new session records the proof, which opens the
 * re-authentication window (lib/auth/reauthentication.ts).
 */
export const reauthenticate = authorizedAction({
  name: "reauthenticate",
  schema: z.object({ returnTo: z.string().max(2048).optional() }),
  revalidate: "/",
  run: async (input, actor) => {
    const returnTo = safeReturnPath(input.returnTo);
    await withinSignInLimit();
    const provider = await reauthenticationProvider(actor.id);
    if (provider) return redirectedBy(signIn(provider, { redirectTo: returnTo }, { prompt: "login", max_age: "0" }));
    const address = await emailSignInAddress(actor.id);
    if (!address) throw new UserActionError("There is no way to prove it's you here: connect a sign-in method first.");
    const sent = await sendSignInLink(address, returnTo);
    throw new UserActionError(sent.message);
  },
});

/**
 * Connects another sign-in method: the signed-in user signs in with another
 * provider (or another identity at the same one), and Auth.js links it to
 * their account rather than making a new one.
 */
export const connectProvider = authorizedAction({
  name: "connectProvider",
  schema: z.object({ provider }),
  // Linking a way in is as sensitive as removing one: a stolen session must not add its thief's.
  sensitive: () => true,
  revalidate: "/account",
  run: async (input, actor) => {
    await withinSignInLimit();
    await markLinkIntent(actor.id);
    return redirectedBy(signIn(input.provider, { redirectTo: "/account" }, { prompt: "login" }));
  },
});
