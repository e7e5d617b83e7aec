import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { getCurrentUser } from "@/lib/authz";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <section className="mx-auto max-w-xl py-12 text-center">
        <h1 className="text-3xl font-semibold tracking-tight">Welcome</h1>
        <p className="mt-3 text-zinc-600">You are not signed in.</p>
        <Link
          href="/sign-in"
          className="mt-6 inline-flex rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700"
        >
          Sign in
        </Link>
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-xl py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Hello, {user.name ?? user.email ?? "there"}</h1>
      <p className="mt-3 text-zinc-600">You are signed in.</p>
      <dl className="mt-6 divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white" data-testid="profile">
        <div className="flex justify-between gap-4 px-4 py-3">
          <dt className="text-sm text-zinc-600">Name</dt>
          <dd className="text-sm font-medium" data-testid="profile-name">{user.name ?? "—"}</dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-3">
          <dt className="text-sm text-zinc-600">Email</dt>
          <dd className="text-sm font-medium" data-testid="profile-email">{user.email ?? "—"}</dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-3">
          <dt className="text-sm text-zinc-600">Role</dt>
          <dd data-testid="profile-role"><RoleBadge role={user.role} /></dd>
        </div>
      </dl>
    </section>
  );
}
