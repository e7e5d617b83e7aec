"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/action";

interface ActionFormProps {
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  /** The fields, given the last result so they can show their own errors. */
  children: (result: ActionResult | null) => ReactNode;
  className?: string;
}

/** A form bound to a server action that announces the action's result. */
export function ActionForm({ action, children, className }: ActionFormProps) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {children(result)}
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${result?.status === "error" ? "text-red-700" : "text-emerald-700"} empty:hidden`}
      >
        {result?.message}
      </p>
    </form>
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
