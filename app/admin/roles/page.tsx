import type { Metadata } from "next";
import { RoleBadge } from "@/components/role-badge";
import { Card } from "@/components/ui/card";
import { PERMISSION_DESCRIPTIONS, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "@/config/roles";
import { requirePermission } from "@/lib/auth/guards";
import { countUsersByRole } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Roles" };

/** Each role, what it may do (config/roles.ts) and how many users hold it. */
export default async function AdminRolesPage() {
  await requirePermission("users:read");
  const counts = await countUsersByRole();
  return (
    <section aria-labelledby="roles-heading" className="space-y-4">
      <h2 id="roles-heading" className="text-lg font-semibold">
        Roles
      </h2>
      <p className="text-sm text-muted-foreground">
        Roles and their permissions are defined in <code>config/roles.ts</code>; adding a role there is all it takes.
      </p>
      <div className="grid gap-4 md:grid-cols-3" data-testid="roles">
        {ROLES.map((role) => {
          const granted = new Set<string>(ROLE_PERMISSIONS[role]);
          return (
            <Card key={role} aria-labelledby={`role-${role}`} data-testid="role">
              <h3 id={`role-${role}`} className="flex items-center justify-between gap-2">
                <RoleBadge role={role} />
                <span className="text-sm text-muted-foreground" data-testid="role-count">
                  {counts[role]} {counts[role] === 1 ? "user" : "users"}
                </span>
              </h3>
              <ul className="mt-3 space-y-1 text-sm">
                {PERMISSIONS.map((permission) => (
                  <li key={permission} className={granted.has(permission) ? "" : "text-muted-foreground line-through"}>
                    <span className="sr-only">{granted.has(permission) ? "May: " : "May not: "}</span>
                    {PERMISSION_DESCRIPTIONS[permission]}
                  </li>
                ))}
              </ul>
            </Card>
          );
        })}
      </div>
    </section>
  );
}
