"use client";

import { SubmitButton } from "@/components/submit-button";
import { stopImpersonatingAction } from "../admin/users/actions";
import { ActionForm } from "./action-form";

export function StopImpersonatingForm() {
  return (
    <ActionForm action={stopImpersonatingAction}>
      {() => (
        <SubmitButton variant="secondary" pendingLabel="Stopping…">
          Stop
        </SubmitButton>
      )}
    </ActionForm>
  );
}
