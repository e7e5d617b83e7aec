"use client";

import { signIn } from "next-auth/webauthn";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** Whether this site offers passkeys (AUTH_PASSKEYS), for client components: the root layout says. */
const PasskeysEnabled = createContext(false);

export function PasskeysProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  return <PasskeysEnabled.Provider value={enabled}>{children}</PasskeysEnabled.Provider>;
}

/**
 * "Use a passkey" beside "Sign in again": a passkey sign-in as the same user
 * makes a new, freshly proved session (lib/auth/sign-in.ts), then comes back.
 */
export function PasskeyReauthenticateButton({ returnTo }: { returnTo: string }) {
  const enabled = useContext(PasskeysEnabled);
  const [failed, setFailed] = useState(false);
  if (!enabled) return null;
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setFailed(false);
          signIn("passkey", { action: "authenticate", redirectTo: returnTo }).catch(() => setFailed(true));
        }}
      >
        Use a passkey
      </Button>
      {failed && <span className="text-sm text-destructive">No passkey was used.</span>}
    </>
  );
}
