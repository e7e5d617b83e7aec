import type { Metadata } from "next";
import Link from "next/link";
import { PaginationLinks } from "@/components/pagination-links";
import { Cell, EmptyState, Table } from "@/components/ui/table";
import type { AuditAction, AuditState } from "@/entities/AuditLog";
import { listAuditLog } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { ID_PATTERN } from "@/lib/input";

export const metadata: Metadata = { title: "Audit log" };

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

export default async function AdminAuditPage({ searchParams }: PageProps<"/admin/audit">) {
  await requirePermission("audit:read");
  const params = await searchParams;
  const target = typeof params.target === "string" && ID_PATTERN.test(params.target) ? params.target : undefined;
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const page = await listAuditLog({ targetId: target, cursor });
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        {target && (
          <p className="text-sm">
            Showing one user&apos;s history.{" "}
            <Link href="/admin/audit" className="underline">
              Show everyone
            </Link>
          </p>
        )}
      </div>
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
                {entry.actorId ? (entry.actorEmail ?? entry.actorId) : "command line"}
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
    </section>
  );
}
