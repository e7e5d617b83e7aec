import type { Role } from "@/config/roles";

const styles: Record<Role, string> = {
  admin: "bg-amber-100 text-amber-900 ring-amber-300",
  user: "bg-zinc-100 text-zinc-800 ring-zinc-300",
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
