import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditTable, AuditTableSkeleton } from "./_components/audit-table";
import { requirePermission } from "@/lib/auth/guards";
import { ID_PATTERN } from "@/lib/input";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({ searchParams }: PageProps<"/admin/audit">) {
  await requirePermission("audit:read");
  const params = await searchParams;
  const target = typeof params.target === "string" && ID_PATTERN.test(params.target) ? params.target : undefined;
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
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
      <Suspense key={`${target}-${cursor}`} fallback={<AuditTableSkeleton />}>
        <AuditTable target={target} cursor={cursor} />
      </Suspense>
    </section>
  );
}
