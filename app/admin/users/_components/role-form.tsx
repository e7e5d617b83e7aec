"use client";

import { ActionForm, errorsOf } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { ROLES, type Role } from "@/config/roles";
import { setUserRoleAction } from "../actions";

/** Changes a user's role in place, showing pending state and the result. */
export function RoleForm({ userId, role, userLabel }: { userId: string; role: Role; userLabel: string }) {
  return (
    <ActionForm action={setUserRoleAction} id={`role-form-${userId}`}>
      {(result) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <Field id={`role-${userId}`} label={<span className="sr-only">Role of {userLabel}</span>} errors={errorsOf(result, "role")}>
            {(control) => (
              <div className="flex items-center gap-2">
                {/* A new role from the server (after a save, or another admin's) resets the choice. */}
                <Select key={role} {...control} name="role" defaultValue={role} className="w-auto py-1">
                  {ROLES.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </Select>
                <SubmitButton variant="secondary" pendingLabel="Saving…">
                  Save
                </SubmitButton>
              </div>
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}
