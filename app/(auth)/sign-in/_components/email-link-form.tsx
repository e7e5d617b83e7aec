"use client";

import { useState } from "react";
import { ActionForm, FieldError } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { requestEmailLink } from "../../actions";

/** "Email me a sign-in link": the address, and where to go once signed in. */
export function EmailLinkForm({ returnTo }: { returnTo: string }) {
  // Kept in state: a refused request (a typo, the limit) leaves the address in the field to correct.
  const [email, setEmail] = useState("");
  return (
    <ActionForm action={requestEmailLink} id="email-link" className="space-y-2">
      {(result) => (
        <>
          <label htmlFor="email-link-address" className="block text-sm font-medium">
            Email address
          </label>
          <input
            id="email-link-address"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            maxLength={254}
            aria-describedby="email-link-address-error"
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm"
          />
          <FieldError id="email-link-address-error" result={result} field="email" />
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <SubmitButton pendingLabel="Sending…" className="w-full py-2.5">
            Email me a sign-in link
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
