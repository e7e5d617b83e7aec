"use client";

import { ActionForm, useListNotice } from "@/app/_components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { formatDateTime } from "@/lib/format";
import type { SessionListItem } from "@/lib/users/account";
import { endOtherSessionsAction, endSessionAction } from "../actions";

/** Every live session of the user, the current one marked, each with "Sign out", and "Sign out everywhere else". */
export function SessionsList({ sessions }: { sessions: SessionListItem[] }) {
  const { notice, announce } = useListNotice();
  return (
    <div className="mt-3 space-y-4">
      {notice}
      <ul className="divide-y divide-border" data-testid="sessions">
        {sessions.map((session) => (
          <li
            key={session.id}
            className="flex flex-wrap items-center justify-between gap-2 py-2"
            data-testid="session"
            data-current={session.current}
          >
            <div className="text-sm">
              <p className="font-medium">
                {session.device} {session.current && <span className="text-success">(this device)</span>}
              </p>
              <p className="text-muted-foreground">
                Signed in {formatDateTime(session.createdAt)} · last seen {formatDateTime(session.lastSeenAt)}
                {session.ip ? ` · ${session.ip}` : ""}
              </p>
            </div>
            {!session.current && (
              <ActionForm action={endSessionAction} className="flex items-center gap-2" onSuccess={announce}>
                {() => (
                  <>
                    <input type="hidden" name="sessionId" value={session.id} />
                    <SubmitButton variant="secondary" pendingLabel="Signing out…">
                      Sign out
                    </SubmitButton>
                  </>
                )}
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {/* Always shown, so its result stays on screen once the other sessions are gone. */}
      <ActionForm action={endOtherSessionsAction}>
        {() => (
          <SubmitButton variant="danger" pendingLabel="Signing out…">
            Sign out everywhere else
          </SubmitButton>
        )}
      </ActionForm>
    </div>
  );
}
