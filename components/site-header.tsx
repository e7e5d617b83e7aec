import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { ADMIN_ROLE } from "@/config/roles";
import { UserMenu } from "./user-menu";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <nav aria-label="Main" className="flex items-center gap-6">
          <Link href="/" className="font-semibold tracking-tight">
            Starter
          </Link>
          {user?.role === ADMIN_ROLE && (
            <Link href="/admin/users" className="text-sm text-zinc-600 hover:text-zinc-900">
              Admin
            </Link>
          )}
        </nav>
        {user ? (
          <UserMenu user={{ name: user.name, email: user.email, role: user.role }} />
        ) : (
          <Link
            href="/sign-in"
            className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
          >
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
