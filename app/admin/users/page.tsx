import type { Metadata } from "next";
import { Suspense } from "react";
import { UserFilters } from "./_components/user-filters";
import { UsersTable, UsersTableSkeleton } from "./_components/users-table";
import { hasPermission } from "@/config/roles";
import { requirePermission } from "@/lib/auth/guards";
import { parseUserListParams } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  const { user } = await requirePermission("users:read");
  const query = parseUserListParams(await searchParams);
  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <h2 id="users-heading" className="text-lg font-semibold">
        Users
      </h2>
      <UserFilters query={query} />
      <Suspense key={JSON.stringify(query)} fallback={<UsersTableSkeleton />}>
        <UsersTable query={query} canSetRoles={hasPermission(user.role, "users:set-role")} />
      </Suspense>
    </section>
  );
}
