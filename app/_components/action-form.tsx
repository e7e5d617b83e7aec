"use client";

import { usePathname } from "next/navigation";
import { useActionState, useState, type ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FormAction } from "@/lib/auth/action";
import { reauthenticate } from "../(auth)/actions";
import { PasskeyReauthenticateButton } from "./passkeys-enabled";

interface ActionFormProps {
  action: FormAction;
  /** The fields, given the last result so they can show their own errors. */
  children: (result: ActionResult | null) => ReactNode;
  /** The form's id: a re-authentication brings the user back to it. */
  id?: string;
  className?: string;
  /** Where a success is announced instead, when it removes the form (a row's "Remove"): see useListNotice. */
  onSuccess?: (message: string) => void;
}

/**
 * A form bound to a server action that announces the action's result. When
 * the action needs a fresh sign-in, it offers one that comes back here.
 */
export function ActionForm({ action, children, id, className, onSuccess }: ActionFormProps) {
  const [result, formAction] = useActionState<ActionResult | null, FormData>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.status !== "success" || !onSuccess) return outcome;
    onSuccess(outcome.message);
    return null;
  }, null);
  const pathname = usePathname();
  return (
    <>
      <form id={id} action={formAction} className={className}>
        {children(result)}
        <p
          role="status"
          aria-live="polite"
          className={`text-sm ${result?.status === "success" ? "text-success" : "text-destructive"} empty:hidden`}
        >
          {result?.message}
        </p>
      </form>
      {result?.status === "reauthenticate" && (
        <ActionForm action={reauthenticate} className="mt-2 flex flex-wrap items-center gap-2">
          {() => (
            <>
              <input type="hidden" name="returnTo" value={id ? `${pathname}#${id}` : pathname} />
              <SubmitButton variant="secondary" pendingLabel="Redirecting…">
                Sign in again
              </SubmitButton>
              <PasskeyReauthenticateButton returnTo={id ? `${pathname}#${id}` : pathname} />
            </>
          )}
        </ActionForm>
      )}
    </>
  );
}

/**
 * A list's announcement of what a row's form did, for forms whose success
 * removes their row (and the row's own message with it): pass `announce`
 * as the row form's onSuccess, and render `notice` outside the list.
 */
export function useListNotice(): { notice: ReactNode; announce: (message: string) => void } {
  const [message, setMessage] = useState<string | null>(null);
  const notice = (
    <p role="status" aria-live="polite" className="text-sm text-success empty:hidden">
      {message}
    </p>
  );
  return { notice, announce: setMessage };
}

/** The errors the last result gave one field, for its Field (components/ui/field.tsx). */
export function errorsOf(result: ActionResult | null, field: string): string[] | undefined {
  return result?.status === "error" ? result.fieldErrors?.[field] : undefined;
}
