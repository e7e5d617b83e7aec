import type { Role } from "@/config/roles";

/** The built-in roles' colours; a role added in config/roles.ts looks like `user` until it gets one here. */
const styles: Partial<Record<Role, string>> = {
  admin: "bg-warning/15 text-warning ring-warning/40",
  moderator: "bg-success/15 text-success ring-success/40",
};
const plain = "bg-muted text-foreground ring-border";

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      data-testid="role-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[role] ?? plain}`}
    >
      {role}
    </span>
  );
}
