"use client";

import { signIn } from "next-auth/webauthn";
import { ActionForm, errorsOf, useListNotice } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";
import { formatDateTime } from "@/lib/format";
import type { PasskeyListItem } from "@/lib/users/passkeys";
import { addPasskeyAction, removePasskeyAction, renamePasskeyAction } from "../actions";

/**
 * "Add a passkey": the server checks the sign-in is recent and notes the
 * name, then the browser creates the passkey and Auth.js stores it; the page
 * comes back with it listed.
 */
async function addPasskey(previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const prepared = await addPasskeyAction(previous, formData);
  if (prepared.status !== "success") return prepared;
  try {
    await signIn("passkey", { action: "register", redirectTo: "/account" });
    return prepared;
  } catch {
    return { status: "error", message: "No passkey was created: the browser's prompt was closed, or this device cannot make one." };
  }
}

/** The user's passkeys: each with its name (renamable), when it was added and last used, and "Remove". */
export function Passkeys({ passkeys }: { passkeys: PasskeyListItem[] }) {
  const { notice, announce } = useListNotice();
  return (
    <div className="mt-3 space-y-4">
      {notice}
      {passkeys.length === 0 && <p className="text-sm text-muted-foreground">No passkeys yet.</p>}
      <ul className="divide-y divide-border" data-testid="passkeys">
        {passkeys.map((passkey) => (
          <li key={passkey.id} className="flex flex-wrap items-end justify-between gap-3 py-3" data-testid="passkey">
            <ActionForm action={renamePasskeyAction} id={`rename-${passkey.id}`} className="flex flex-wrap items-end gap-2">
              {(result) => (
                <>
                  <input type="hidden" name="passkeyId" value={passkey.id} />
                  <Field id={`passkey-name-${passkey.id}`} label="Name" errors={errorsOf(result, "name")}>
                    {(control) => <Input {...control} name="name" defaultValue={passkey.name} maxLength={100} required className="w-56" />}
                  </Field>
                  <SubmitButton variant="secondary" pendingLabel="Saving…">
                    Rename
                  </SubmitButton>
                  <p className="w-full text-sm text-muted-foreground">
                    Added {formatDateTime(passkey.createdAt)},{" "}
                    {passkey.lastUsedAt ? `last used ${formatDateTime(passkey.lastUsedAt)}` : "never used"}
                  </p>
                </>
              )}
            </ActionForm>
            <ActionForm action={removePasskeyAction} id={`remove-${passkey.id}`} onSuccess={announce}>
              {() => (
                <>
                  <input type="hidden" name="passkeyId" value={passkey.id} />
                  <SubmitButton variant="secondary" pendingLabel="Removing…">
                    Remove
                  </SubmitButton>
                </>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
      <ActionForm action={addPasskey} id="add-passkey" className="flex flex-wrap items-end gap-2">
        {(result) => (
          <>
            <Field id="new-passkey-name" label="New passkey" hint="(a name; empty: this device's)" errors={errorsOf(result, "name")}>
              {(control) => <Input {...control} name="name" maxLength={100} placeholder="e.g. Work laptop" className="w-56" />}
            </Field>
            <SubmitButton pendingLabel="Waiting for your device…">Add a passkey</SubmitButton>
          </>
        )}
      </ActionForm>
    </div>
  );
}
