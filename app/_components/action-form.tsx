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
          className={`text-sm ${result?.status === "success" ? "text-emerald-700" : "text-red-700"} empty:hidden`}
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

/** The errors of one field, for `aria-describedby`. */
export function FieldError({ id, result, field }: { id: string; result: ActionResult | null; field: string }) {
  const errors = result?.status === "error" ? result.fieldErrors?.[field] : undefined;
  return (
    <p id={id} className="text-sm text-red-700 empty:hidden">
      {errors?.join(" ")}
    </p>
  );
}
