"use client";

import { ActionForm, FieldError } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { updateProfileAction } from "../actions";

export function ProfileForm({ name }: { name: string }) {
  return (
    <ActionForm action={updateProfileAction} id="profile" className="space-y-2">
      {(result) => (
        <>
          <label htmlFor="display-name" className="block text-sm font-medium">
            Display name
          </label>
          <input
            id="display-name"
            name="name"
            defaultValue={name}
            maxLength={100}
            required
            aria-describedby="display-name-error"
            className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
          />
          <FieldError id="display-name-error" result={result} field="name" />
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
