"use client";

import { ActionForm, errorsOf } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";
import {
  banUserAction,
  deleteUserAction,
  endUserSessionAction,
  impersonateUserAction,
  signOutEverywhereAction,
  unbanUserAction,
} from "../actions";

export function BanForm({ userId }: { userId: string }) {
  return (
    <ActionForm action={banUserAction} id="ban" className="space-y-2">
      {(result) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <Field id="ban-reason" label="Reason" hint="(optional, shown to the user)" errors={errorsOf(result, "reason")}>
            {(control) => <Textarea {...control} name="reason" rows={2} maxLength={500} />}
          </Field>
          <Field id="ban-until" label="Until" hint="(optional, a date in UTC; empty: until you lift it)" errors={errorsOf(result, "until")}>
            {(control) => <Input {...control} name="until" type="date" />}
          </Field>
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
          <Field
            id="delete-confirm"
            label={
              <>
                Type <kbd className="font-mono">delete</kbd> to delete this user, their accounts and sessions
              </>
            }
            errors={errorsOf(result, "confirm")}
          >
            {(control) => <Input {...control} name="confirm" autoComplete="off" />}
          </Field>
          <SubmitButton variant="danger" pendingLabel="Deleting…">
            Delete user
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function ImpersonateForm({ userId }: { userId: string }) {
  return <UserButtonForm action={impersonateUserAction} userId={userId} label="View as this user" pendingLabel="Switching…" />;
}
