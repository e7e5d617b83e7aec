import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { listUsers, type UserListQuery } from "@/lib/users/queries";
import { PaginationLinks } from "../pagination-links";
import { RoleForm } from "./role-form";

/** One page of the user list; streamed under Suspense by the users page. */
export async function UsersTable({ query }: { query: UserListQuery }) {
  const page = await listUsers(query);
  const params = { q: query.search, role: query.role, sort: query.sort };
  if (page.items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600">
        No users match.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <caption className="sr-only">Users</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Role</th>
              <th scope="col" className="px-3 py-2">Providers</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">Last active</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {page.items.map((user) => (
              <tr key={user.id} data-testid="user-row" data-email={user.email ?? ""}>
                <td className="px-3 py-2 align-top">
                  <Link href={`/admin/users/${user.id}`} className="font-medium underline-offset-2 hover:underline">
                    {user.name ?? "(no name)"}
                  </Link>
                  {user.bannedAt && (
                    <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
                      banned
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 align-top break-all">{user.email ?? "—"}</td>
                <td className="px-3 py-2 align-top">
                  <RoleForm userId={user.id} role={user.role} userLabel={user.email ?? user.name ?? user.id} />
                </td>
                <td className="px-3 py-2 align-top">{user.providers.join(", ") || "—"}</td>
                <td className="px-3 py-2 align-top whitespace-nowrap">
                  <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt)}</time>
                </td>
                <td className="px-3 py-2 align-top whitespace-nowrap">
                  {user.lastActiveAt ? (
                    <time dateTime={user.lastActiveAt.toISOString()}>{formatDateTime(user.lastActiveAt)}</time>
                  ) : (
                    "never"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PaginationLinks
        basePath="/admin/users"
        params={params}
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
        <div key={index} className="h-10 animate-pulse rounded bg-zinc-200/70" />
      ))}
    </div>
  );
}
