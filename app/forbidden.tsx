import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

/** What forbidden() renders, with status 403: requirePermission() for a signed-in user whose role lacks the permission. */
export default function Forbidden() {
  return (
    <section className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">403 · Not allowed</h1>
      <p className="mt-3 text-sm text-muted-foreground" data-testid="forbidden">
        Your account does not have access to this page.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium underline">
        Go home
      </Link>
    </section>
  );
}
