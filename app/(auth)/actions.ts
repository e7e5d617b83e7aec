"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { providerChoices } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/auth/return-path";

const signInSchema = z.object({
  provider: z.string().max(64),
  callbackUrl: z.string().max(2048).optional(),
});

/**
 * Starts a sign-in with one of the configured providers. A missing or unknown
 * provider (a forged form) goes back to the sign-in page with a message.
 */
export async function signInWithProvider(formData: FormData): Promise<void> {
  const input = signInSchema.safeParse(Object.fromEntries(formData));
  if (!input.success || !providerChoices().some((provider) => provider.id === input.data.provider)) {
    redirect("/sign-in?error=UnknownProvider");
  }
  await signIn(input.data.provider, { redirectTo: safeReturnPath(input.data.callbackUrl) });
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
