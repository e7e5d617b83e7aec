import type { ReactNode } from "react";
import { AdminNav } from "./_components/admin-nav";
import { hasPermission } from "@/config/roles";
import { requireAdminArea } from "@/lib/auth/guards";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // A second line of defence for every admin page, which checks for itself too.
  const { user } = await requireAdminArea();
  const links = [
    { href: "/admin/users", label: "Users", permission: "users:read" },
    { href: "/admin/roles", label: "Roles", permission: "users:read" },
    { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  ] as const;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4 border-b border-border pb-4">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <AdminNav links={links.filter((link) => hasPermission(user.role, link.permission)).map(({ href, label }) => ({ href, label }))} />
      </div>
      {children}
    </div>
  );
}
