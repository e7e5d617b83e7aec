import type { ReactNode } from "react";
import { AdminNav } from "./_components/admin-nav";
import { requireAdmin } from "@/lib/auth/guards";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // A second line of defence for every admin page, which checks for itself too.
  await requireAdmin();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4 border-b border-border pb-4">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
