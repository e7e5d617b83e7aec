import type { Role } from "@/config/roles";

const styles: Record<Role, string> = {
  admin: "bg-warning/15 text-warning ring-warning/40",
  moderator: "bg-success/15 text-success ring-success/40",
  user: "bg-muted text-foreground ring-border",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      data-testid="role-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[role]}`}
    >
      {role}
    </span>
  );
}
