"use client";

import { ActionForm, errorsOf } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateProfileAction } from "../actions";

export function ProfileForm({ name }: { name: string }) {
  return (
    <ActionForm action={updateProfileAction} id="profile" className="space-y-2">
      {(result) => (
        <>
          <Field id="display-name" label="Display name" errors={errorsOf(result, "name")}>
            {(control) => <Input {...control} name="name" defaultValue={name} maxLength={100} required />}
          </Field>
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
