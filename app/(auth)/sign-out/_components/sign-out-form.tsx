"use client";

import { ActionForm } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { signOutUser } from "../../actions";

export function SignOutForm() {
  return (
    <ActionForm action={signOutUser} className="mt-4">
      {() => (
        <SubmitButton pendingLabel="Signing out…" className="w-full py-2">
          Sign out
        </SubmitButton>
      )}
    </ActionForm>
  );
}
