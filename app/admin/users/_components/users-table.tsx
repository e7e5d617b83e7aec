import Link from "next/link";
import { PaginationLinks } from "@/components/pagination-links";
import { Cell, EmptyState, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { userLabel } from "@/lib/users/label";
import { listUsers, type UserListQuery } from "@/lib/users/queries";
import { RoleBadge } from "@/components/role-badge";
import { RoleForm } from "./role-form";

/** One page of the user list; streamed under Suspense by the users page. */
/** The list; the role can be changed in place by someone whose role may (`canSetRoles`). */
export async function UsersTable({ query, canSetRoles }: { query: UserListQuery; canSetRoles: boolean }) {
  const page = await listUsers(query);
  if (page.items.length === 0) return <EmptyState>No users match.</EmptyState>;
  return (
    <div className="space-y-4">
      <Table caption="Users" columns={["Name", "Email", "Role", "Providers", "Created", "Last active"]} data-testid="users-table">
        {page.items.map((user) => (
          <tr key={user.id} data-testid="user-row" data-email={user.email ?? ""}>
            <Cell className="align-top">
              <Link href={`/admin/users/${user.id}`} className="font-medium underline-offset-2 hover:underline">
                {user.name ?? "(no name)"}
              </Link>
              {user.bannedAt && (
                <span className="ml-2 rounded-full bg-destructive/15 px-2 py-0.5 text-xs font-medium text-destructive">banned</span>
              )}
            </Cell>
            <Cell className="align-top break-all">{user.email ?? "—"}</Cell>
            <Cell className="align-top">
              {canSetRoles ? <RoleForm userId={user.id} role={user.role} userLabel={userLabel(user)} /> : <RoleBadge role={user.role} />}
            </Cell>
            <Cell className="align-top">{user.providers.join(", ") || "—"}</Cell>
            <Cell className="align-top whitespace-nowrap">
              <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt)}</time>
            </Cell>
            <Cell className="align-top whitespace-nowrap">
              {user.lastActiveAt ? <time dateTime={user.lastActiveAt.toISOString()}>{formatDateTime(user.lastActiveAt)}</time> : "never"}
            </Cell>
          </tr>
        ))}
      </Table>
      <PaginationLinks
        basePath="/admin/users"
        params={{ q: query.search, role: query.role, sort: query.sort }}
        previousCursor={page.previousCursor}
        nextCursor={page.nextCursor}
        label="Users pages"
      />
    </div>
  );
}

export function UsersTableSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">Loading users…</span>
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="h-10 animate-pulse rounded bg-muted" />
      ))}
    </div>
  );
}
