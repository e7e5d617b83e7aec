"use client";

import { ActionForm, FieldError } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { ROLES, type Role } from "@/config/roles";
import { setUserRoleAction } from "../actions";

/** Changes a user's role in place, showing pending state and the result. */
export function RoleForm({ userId, role, userLabel }: { userId: string; role: Role; userLabel: string }) {
  const selectId = `role-${userId}`;
  const errorId = `role-error-${userId}`;
  return (
    <ActionForm action={setUserRoleAction} id={`role-form-${userId}`} className="space-y-1">
      {(result) => (
        <>
          <div className="flex items-center gap-2">
            <input type="hidden" name="userId" value={userId} />
            <label htmlFor={selectId} className="sr-only">
              Role of {userLabel}
            </label>
            <select
              // A new role from the server (after a save, or another admin's) resets the choice.
              key={role}
              id={selectId}
              name="role"
              defaultValue={role}
              aria-describedby={errorId}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
            >
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
            <SubmitButton variant="secondary" pendingLabel="Saving…">
              Save
            </SubmitButton>
          </div>
          <FieldError id={errorId} result={result} field="role" />
        </>
      )}
    </ActionForm>
  );
}
