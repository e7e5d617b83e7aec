"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/webauthn";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * "Sign in with a passkey" (Auth.js's Passkey provider), and the browser's
 * passkey autofill where it has one: while the page is open, a field marked
 * `autocomplete="username webauthn"` (the email field) offers the passkeys
 * this site's users keep on this device; choosing one signs in. Auth.js's own
 * client has no autofill, so that part posts to the same endpoints itself.
 */
export function PasskeySignIn({ returnTo }: { returnTo: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stopped = false;
    void (async () => {
      if (!(await window.PublicKeyCredential?.isConditionalMediationAvailable?.())) return;
      const options = await fetch("/api/auth/webauthn-options/passkey?action=authenticate");
      if (!options.ok || stopped) return;
      const { options: request } = (await options.json()) as { options: Parameters<typeof startAuthentication>[0] };
      try {
        const response = await startAuthentication(request, true);
        const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
        const answer = await fetch("/api/auth/callback/passkey", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
          body: new URLSearchParams({ action: "authenticate", data: JSON.stringify(response), csrfToken, callbackUrl: returnTo }),
        });
        window.location.href = ((await answer.json()) as { url: string }).url;
      } catch {
        // Autofill was abandoned, or the button took over.
      }
    })();
    return () => {
      stopped = true;
    };
  }, [returnTo]);

  async function signInWithPasskey() {
    setPending(true);
    setFailed(false);
    try {
      await signIn("passkey", { action: "authenticate", redirectTo: returnTo });
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" className="w-full py-2.5" onClick={signInWithPasskey} disabled={pending}>
        {pending ? "Waiting for your device…" : "Sign in with a passkey"}
      </Button>
      <p role="status" aria-live="polite" className="text-sm text-destructive empty:hidden">
        {failed ? "No passkey was used. Try again, or sign in another way." : ""}
      </p>
    </div>
  );
}
