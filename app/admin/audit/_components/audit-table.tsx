import Link from "next/link";
import { PaginationLinks } from "@/components/pagination-links";
import { Cell, EmptyState, Table } from "@/components/ui/table";
import type { AuditAction, AuditState } from "@/entities/AuditLog";
import { listAuditLog } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";
const actionLabels: Record<AuditAction, string> = {
  role_change: "Role change",
  ban: "Ban",
  unban: "Unban",
  sign_out_everywhere: "Sign out everywhere",
  end_session: "End a session",
  delete: "Delete",
  admin_access_refused: "Refused: not allowed",
  claim_address: "Address proved: earlier sign-ins removed",
  impersonate_start: "Started viewing as",
  impersonate_stop: "Stopped viewing as",
  impersonated_action: "Action while viewed as",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
};

function describeState(state: AuditState | null): string {
  if (!state) return "—";
  return Object.entries(state)
    .map(([key, value]) => `${key}: ${value === null ? "none" : String(value)}`)
    .join(", ");
}

/** One page of the audit log, newest first; only rendered after the page's permission check. */
export async function AuditTable({ target, cursor }: { target?: string; cursor?: string }) {
  const page = await listAuditLog({ targetId: target, cursor });
  return (
    <>
      {page.items.length === 0 ? (
        <EmptyState>No admin actions recorded yet.</EmptyState>
      ) : (
        <Table
          caption="Admin actions, newest first"
          columns={["When", "Actor", "Action", "Target", "Before", "After", "IP"]}
          data-testid="audit-table"
        >
          {page.items.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <Cell className="whitespace-nowrap">
                <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
              </Cell>
              <Cell className="break-all">
                {entry.actorId ? (entry.actorEmail ?? entry.actorId) : (entry.actorEmail ?? "command line")}
                {entry.impersonatorId && <span className="block text-xs text-muted-foreground">viewed by {entry.impersonatorId}</span>}
              </Cell>
              <Cell>{actionLabels[entry.action] ?? entry.action}</Cell>
              <Cell className="break-all">
                <Link href={`/admin/audit?target=${entry.targetId}`} className="underline-offset-2 hover:underline">
                  {entry.targetEmail ?? entry.targetId}
                </Link>
              </Cell>
              <Cell>{describeState(entry.before)}</Cell>
              <Cell>{describeState(entry.after)}</Cell>
              <Cell>{entry.ip ?? "—"}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <PaginationLinks
        basePath="/admin/audit"
        params={{ target }}
        previousCursor={page.previousCursor}
        nextCursor={page.nextCursor}
        label="Audit log pages"
      />
    </>
  );
}

export function AuditTableSkeleton() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-sm text-muted-foreground">
      <span className="size-4 animate-spin rounded-full border-2 border-input border-t-foreground" aria-hidden="true" />
      Loading…
    </div>
  );
}
