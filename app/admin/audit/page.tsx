import type { Metadata } from "next";
import Link from "next/link";
import { PaginationLinks } from "@/components/pagination-links";
import type { AuditAction, AuditState } from "@/entities/AuditLog";
import { listAuditLog } from "@/lib/audit/queries";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Audit log" };

const actionLabels: Record<AuditAction, string> = {
  role_change: "Role change",
  ban: "Ban",
  unban: "Unban",
  sign_out_everywhere: "Sign out everywhere",
  delete: "Delete",
};

function describeState(state: AuditState | null): string {
  if (!state) return "—";
  return Object.entries(state)
    .map(([key, value]) => `${key}: ${value === null ? "none" : String(value)}`)
    .join(", ");
}

export default async function AdminAuditPage({ searchParams }: PageProps<"/admin/audit">) {
  await requireAdmin("/admin/audit");
  const params = await searchParams;
  const target = typeof params.target === "string" && /^[\w-]{1,64}$/.test(params.target) ? params.target : undefined;
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const page = await listAuditLog({ targetId: target, cursor });
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="audit-heading" className="text-lg font-semibold">Audit log</h2>
        {target && (
          <p className="text-sm">
            Showing one user&apos;s history. <Link href="/admin/audit" className="underline">Show everyone</Link>
          </p>
        )}
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600">
          No admin actions recorded yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <caption className="sr-only">Admin actions, newest first</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Actor</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Target</th>
                <th scope="col" className="px-3 py-2">Before</th>
                <th scope="col" className="px-3 py-2">After</th>
                <th scope="col" className="px-3 py-2">IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {page.items.map((entry) => (
                <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                  <td className="px-3 py-2 break-all">{entry.actorId ? (entry.actorEmail ?? entry.actorId) : "command line"}</td>
                  <td className="px-3 py-2">{actionLabels[entry.action] ?? entry.action}</td>
                  <td className="px-3 py-2 break-all">
                    <Link href={`/admin/audit?target=${entry.targetId}`} className="underline-offset-2 hover:underline">
                      {entry.targetEmail ?? entry.targetId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{describeState(entry.before)}</td>
                  <td className="px-3 py-2">{describeState(entry.after)}</td>
                  <td className="px-3 py-2">{entry.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
