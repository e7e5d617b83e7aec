"use client";

import { ActionForm } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import type { ProviderChoice } from "@/lib/auth/providers";
import { signInWithProvider } from "../../actions";

/** "Sign in with …": off to the provider, and back to `returnTo`. */
export function ProviderButton({ provider, returnTo }: { provider: ProviderChoice; returnTo: string }) {
  return (
    <ActionForm action={signInWithProvider}>
      {() => (
        <>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <SubmitButton variant="secondary" pendingLabel="Redirecting…" className="w-full py-2.5">
            Sign in with {provider.name}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
