"use server";

import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { providerChoices } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/auth/return-path";

const signInSchema = z.object({
  provider: z.string().min(1),
  callbackUrl: z.string().optional(),
});

export async function signInWithProvider(formData: FormData): Promise<void> {
  const input = signInSchema.parse(Object.fromEntries(formData));
  if (!providerChoices().some((provider) => provider.id === input.provider)) {
    throw new Error(`Unknown sign-in provider "${input.provider}"`);
  }
  await signIn(input.provider, { redirectTo: safeReturnPath(input.callbackUrl) });
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
