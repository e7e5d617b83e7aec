"use client";

import { ActionForm, useListNotice } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import type { ProviderChoice } from "@/lib/auth/providers";
import type { SignInMethod } from "@/lib/users/account";
import { connectProvider } from "../../(auth)/actions";
import { disconnectAction } from "../actions";

interface SignInMethodsProps {
  methods: SignInMethod[];
  /** Where sign-in links go, when email sign-in is on and the address is verified. */
  emailAddress: string | null;
  providers: ProviderChoice[];
}

/**
 * The user's sign-in methods: sign-in links by email (their address itself,
 * nothing to disconnect), each linked provider with "Disconnect", and
 * "Connect" for each configured provider.
 */
export function SignInMethods({ methods, emailAddress, providers }: SignInMethodsProps) {
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;
  const { notice, announce } = useListNotice();
  return (
    <div className="mt-3 space-y-4">
      {notice}
      <ul className="divide-y divide-border" data-testid="sign-in-methods">
        {emailAddress && (
          <li className="py-2 text-sm" data-testid="email-sign-in">
            <span className="font-medium">Email</span> <span className="text-muted-foreground">(sign-in links to {emailAddress})</span>
          </li>
        )}
        {methods.map((method) => (
          <li key={method.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="sign-in-method">
            <span className="text-sm">
              <span className="font-medium">{nameOf(method.provider)}</span>{" "}
              <span className="text-muted-foreground">({method.providerAccountId})</span>
            </span>
            <ActionForm action={disconnectAction} id={`disconnect-${method.id}`} className="flex items-center gap-2" onSuccess={announce}>
              {() => (
                <>
                  <input type="hidden" name="accountId" value={method.id} />
                  <SubmitButton variant="secondary" pendingLabel="Disconnecting…">
                    Disconnect
                  </SubmitButton>
                </>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        {providers.map((provider) => (
          <ActionForm key={provider.id} action={connectProvider} id={`connect-${provider.id}`}>
            {() => (
              <>
                <input type="hidden" name="provider" value={provider.id} />
                <SubmitButton variant="secondary" pendingLabel="Redirecting…">
                  Connect {methods.some((method) => method.provider === provider.id) ? "another " : ""}
                  {provider.name}
                </SubmitButton>
              </>
            )}
          </ActionForm>
        ))}
      </div>
    </div>
  );
}
