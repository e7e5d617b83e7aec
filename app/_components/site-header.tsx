import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { getSession } from "@/lib/auth/guards";
import { canEnterAdmin } from "@/config/roles";
import { SITE_NAME } from "@/config/site";
import { UserMenu } from "./user-menu";

export async function SiteHeader() {
  const user = (await getSession())?.user;
  return (
    <header className="border-b border-border bg-card">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <nav aria-label="Main" className="flex items-center gap-6">
          <Link href="/" className="font-semibold tracking-tight">
            {SITE_NAME}
          </Link>
          {user && canEnterAdmin(user.role) && (
            <Link href="/admin/users" className="text-sm text-muted-foreground hover:text-foreground">
              Admin
            </Link>
          )}
        </nav>
        {user ? (
          <UserMenu user={{ name: user.name, email: user.email, role: user.role }} />
        ) : (
          <ButtonLink href="/sign-in">Sign in</ButtonLink>
        )}
      </div>
    </header>
  );
}
