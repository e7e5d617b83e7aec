"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ActionForm, FieldError } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/auth/action";
import { banUserAction, deleteUserAction, signOutEverywhereAction, unbanUserAction } from "../actions";

const fieldClass = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";

export function BanForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={banUserAction} className="space-y-2">
      {(result) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor="ban-reason" className="block text-sm font-medium">
            Reason <span className="font-normal text-zinc-500">(optional, shown to the user)</span>
          </label>
          <textarea
            id="ban-reason"
            name="reason"
            rows={2}
            maxLength={500}
            aria-describedby="ban-reason-error"
            className={fieldClass}
          />
          <FieldError id="ban-reason-error" result={result} field="reason" />
          <SubmitButton variant="danger" pendingLabel="Banning…">
            Ban and sign out
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** A one-button form acting on one user. */
function UserButtonForm({
  action,
  userId,
  label,
  pendingLabel,
}: {
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  userId: string;
  label: string;
  pendingLabel: string;
}) {
  return (
    <ActionForm action={action} className="space-y-2">
      {() => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function UnbanForm({ userId }: { userId: string }) {
  return <UserButtonForm action={unbanUserAction} userId={userId} label="Unban" pendingLabel="Unbanning…" />;
}

export function SignOutEverywhereForm({ userId }: { userId: string }) {
  return (
    <UserButtonForm
      action={signOutEverywhereAction}
      userId={userId}
      label="Sign out everywhere"
      pendingLabel="Signing out…"
    />
  );
}

/** Once the user is deleted there is nothing left to show here: back to the list. */
function BackToListOnSuccess({ result }: { result: ActionResult | null }) {
  const router = useRouter();
  useEffect(() => {
    if (result?.status === "success") router.replace("/admin/users");
  }, [result, router]);
  return null;
}

export function DeleteUserForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={deleteUserAction} className="space-y-2">
      {(result) => (
        <>
          <BackToListOnSuccess result={result} />
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor="delete-confirm" className="block text-sm font-medium">
            Type <kbd className="font-mono">delete</kbd> to delete this user, their accounts and sessions
          </label>
          <input
            id="delete-confirm"
            name="confirm"
            autoComplete="off"
            aria-describedby="delete-confirm-error"
            className={fieldClass}
          />
          <FieldError id="delete-confirm-error" result={result} field="confirm" />
          <SubmitButton variant="danger" pendingLabel="Deleting…">
            Delete user
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
