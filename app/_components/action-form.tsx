"use client";

import { usePathname } from "next/navigation";
import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FormAction } from "@/lib/auth/action";
import { reauthenticate } from "../(auth)/actions";

interface ActionFormProps {
  action: FormAction;
  /** The fields, given the last result so they can show their own errors. */
  children: (result: ActionResult | null) => ReactNode;
  /** The form's id: a re-authentication brings the user back to it. */
  id?: string;
  className?: string;
}

/**
 * A form bound to a server action that announces the action's result. When
 * the action needs a fresh sign-in, it offers one that comes back here.
 */
export function ActionForm({ action, children, id, className }: ActionFormProps) {
  const [result, formAction] = useActionState(action, null);
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
        <ActionForm action={reauthenticate} className="mt-2">
          {() => (
            <>
              <input type="hidden" name="returnTo" value={id ? `${pathname}#${id}` : pathname} />
              <SubmitButton variant="secondary" pendingLabel="Redirecting…">
                Sign in again
              </SubmitButton>
            </>
          )}
        </ActionForm>
      )}
    </>
  );
}

/** The errors the last result gave one field, for its Field (components/ui/field.tsx). */
export function errorsOf(result: ActionResult | null, field: string): string[] | undefined {
  return result?.status === "error" ? result.fieldErrors?.[field] : undefined;
}
