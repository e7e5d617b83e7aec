"use client";

import { ActionForm, FieldError } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/auth/action";
import { banUserAction, deleteUserAction, endUserSessionAction, signOutEverywhereAction, unbanUserAction } from "../actions";

const fieldClass = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";

export function BanForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={banUserAction} id="ban" className="space-y-2">
      {(result) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor="ban-reason" className="block text-sm font-medium">
            Reason <span className="font-normal text-zinc-500">(optional, shown to the user)</span>
          </label>
          <textarea id="ban-reason" name="reason" rows={2} maxLength={500} aria-describedby="ban-reason-error" className={fieldClass} />
          <FieldError id="ban-reason-error" result={result} field="reason" />
          <label htmlFor="ban-until" className="block text-sm font-medium">
            Until <span className="font-normal text-zinc-500">(optional, a date in UTC; empty: until you lift it)</span>
          </label>
          <input id="ban-until" name="until" type="date" aria-describedby="ban-until-error" className={fieldClass} />
          <FieldError id="ban-until-error" result={result} field="until" />
          <SubmitButton variant="danger" pendingLabel="Banning…">
            Ban and sign out
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** A one-button form acting on one user (and, for one of their sessions, that session). */
function UserButtonForm({
  action,
  userId,
  sessionId,
  label,
  pendingLabel,
}: {
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  userId: string;
  sessionId?: string;
  label: string;
  pendingLabel: string;
}) {
  return (
    <ActionForm action={action} className="space-y-2">
      {() => (
        <>
          <input type="hidden" name="userId" value={userId} />
          {sessionId && <input type="hidden" name="sessionId" value={sessionId} />}
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
  return <UserButtonForm action={signOutEverywhereAction} userId={userId} label="Sign out everywhere" pendingLabel="Signing out…" />;
}

export function EndSessionForm({ userId, sessionId }: { userId: string; sessionId: string }) {
  return <UserButtonForm action={endUserSessionAction} userId={userId} sessionId={sessionId} label="End" pendingLabel="Ending…" />;
}

export function DeleteUserForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={deleteUserAction} id="delete" className="space-y-2">
      {(result) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor="delete-confirm" className="block text-sm font-medium">
            Type <kbd className="font-mono">delete</kbd> to delete this user, their accounts and sessions
          </label>
          <input id="delete-confirm" name="confirm" autoComplete="off" aria-describedby="delete-confirm-error" className={fieldClass} />
          <FieldError id="delete-confirm-error" result={result} field="confirm" />
          <SubmitButton variant="danger" pendingLabel="Deleting…">
            Delete user
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
