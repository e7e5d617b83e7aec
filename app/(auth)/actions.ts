"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { providerChoices } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getEnv } from "@/config/env";
import { clientIp } from "@/lib/audit/client-ip";
import { consume } from "@/lib/rate-limit/limits";

const signInSchema = z.object({
  provider: z.string().max(64),
  callbackUrl: z.string().max(2048).optional(),
});

/**
 * Starts a sign-in with one of the configured providers, within the client's
 * sign-in rate limit (counted with Auth.js's own sign-in route, which
 * lib/rate-limit/sign-in.ts limits). A missing or unknown provider (a forged
 * form) or too many attempts go back to the sign-in page with a message.
 */
export async function signInWithProvider(formData: unknown): Promise<void> {
  // A hand-made request can send anything as the form: only a FormData is read.
  const input = signInSchema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : {});
  if (!input.success || !providerChoices().some((provider) => provider.id === input.data.provider)) {
    redirect("/sign-in?error=UnknownProvider");
  }
  const ip = clientIp(await headers(), getEnv().TRUSTED_PROXY_HOPS);
  if (!(await consume("sign-in", [ip && `signin:${ip}`])).allowed) redirect("/sign-in?error=TooManyAttempts");
  await signIn(input.data.provider, { redirectTo: safeReturnPath(input.data.callbackUrl) });
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
