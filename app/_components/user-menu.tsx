import { RoleBadge } from "@/components/role-badge";
import { ButtonLink } from "@/components/ui/button";
import type { Role } from "@/config/roles";

interface UserMenuProps {
  user: { name: string | null; email: string | null; role: Role };
}

/** A disclosure menu: works without client JavaScript. */
export function UserMenu({ user }: UserMenuProps) {
  const label = user.name ?? user.email ?? "Account";
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-accent [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden="true"
          className="grid size-7 place-items-center rounded-full bg-primary text-xs font-semibold text-primary-foreground uppercase"
        >
          {label.slice(0, 1)}
        </span>
        <span className="max-w-40 truncate">{label}</span>
        <span className="sr-only">Open account menu</span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-64 rounded-lg border border-border bg-card p-3 shadow-lg">
        <p className="truncate text-sm font-medium">{user.name ?? "No name"}</p>
        <p className="truncate text-sm text-muted-foreground">{user.email ?? "No email"}</p>
        <p className="mt-2 text-sm">
          Role: <RoleBadge role={user.role} />
        </p>
        <div className="mt-3 grid gap-2 border-t border-border pt-3">
          <ButtonLink href="/account" variant="secondary" className="w-full">
            Your account
          </ButtonLink>
          <ButtonLink href="/sign-out" variant="secondary" prefetch={false} className="w-full">
            Sign out
          </ButtonLink>
        </div>
      </div>
    </details>
  );
}
