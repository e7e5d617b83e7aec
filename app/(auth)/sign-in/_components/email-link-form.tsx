"use client";

import { useState } from "react";
import { ActionForm, errorsOf } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requestEmailLink } from "../../actions";

/** "Email me a sign-in link": the address, and where to go once signed in. */
export function EmailLinkForm({ returnTo, passkeyAutofill = false }: { returnTo: string; passkeyAutofill?: boolean }) {
  // Kept in state: a refused request (a typo, the limit) leaves the address in the field to correct.
  const [email, setEmail] = useState("");
  return (
    <ActionForm action={requestEmailLink} id="email-link" className="space-y-2">
      {(result) => (
        <>
          <Field id="email-link-address" label="Email address" errors={errorsOf(result, "email")}>
            {(control) => (
              <Input
                {...control}
                name="email"
                type="email"
                // With passkeys on, the browser's autofill also offers this site's passkeys here.
                autoComplete={passkeyAutofill ? "username webauthn" : "email"}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                required
                maxLength={254}
              />
            )}
          </Field>
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <SubmitButton pendingLabel="Sending…" className="w-full py-2.5">
            Email me a sign-in link
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
