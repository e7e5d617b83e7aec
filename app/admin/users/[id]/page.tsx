import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { userLabel } from "@/lib/users/label";
import { getUserDetail } from "@/lib/users/queries";
import { listSessions } from "@/lib/users/account";
import { RoleBadge } from "@/components/role-badge";
import { ADMIN_ROLE, hasPermission, outranksOrEquals, type Permission } from "@/config/roles";
import { IMPERSONATION_MINUTES } from "@/lib/users/impersonation";
import { BanForm, DeleteUserForm, EndSessionForm, ImpersonateForm, SignOutEverywhereForm, UnbanForm } from "../_components/access-forms";
import { RoleForm } from "../_components/role-form";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: PageProps<"/admin/users/[id]">) {
  const { id } = await params;
  const { user: admin } = await requirePermission("users:read");
  const user = await getUserDetail(id);
  if (!user) notFound();
  const sessions = await listSessions(user.id);
  const label = userLabel(user);
  const isSelf = admin.id === user.id;
  // Only the controls the viewer's role allows, on someone it may act on (the server checks again).
  const may = (permission: Permission) => hasPermission(admin.role, permission) && outranksOrEquals(admin.role, user.role);
  const mayViewAs = may("users:impersonate") && !isSelf && user.role !== ADMIN_ROLE && !user.bannedAt;
  return (
    <div className="space-y-6">
      <Link href="/admin/users" className="text-sm underline">
        ← All users
      </Link>
      <Card aria-labelledby="user-heading">
        <h2 id="user-heading" className="text-lg font-semibold">
          {user.name ?? "(no name)"} {isSelf && <span className="text-sm font-normal text-muted-foreground">(you)</span>}
        </h2>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-muted-foreground">Email</dt>
            <dd className="break-all">{user.email ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Providers</dt>
            <dd>{user.providers.join(", ") || "—"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Created</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Last active</dt>
            <dd>{user.lastActiveAt ? formatDateTime(user.lastActiveAt) : "never"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Active sessions</dt>
            <dd data-testid="session-count">{user.sessionCount}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Status</dt>
            <dd data-testid="user-status">
              {user.bannedAt
                ? `Banned ${formatDateTime(user.bannedAt)}${user.bannedUntil ? ` until ${formatDateTime(user.bannedUntil)}` : ""}${user.banReason ? `: ${user.banReason}` : ""}`
                : "Active"}
            </dd>
          </div>
        </dl>
        <Link href={`/admin/audit?target=${user.id}`} className="mt-4 inline-block text-sm underline">
          This user&apos;s audit history
        </Link>
      </Card>

      <Card aria-labelledby="role-heading">
        <h3 id="role-heading" className="font-semibold">
          Role
        </h3>
        <div className="mt-3">
          {may("users:set-role") ? <RoleForm userId={user.id} role={user.role} userLabel={label} /> : <RoleBadge role={user.role} />}
        </div>
        {mayViewAs && (
          <div className="mt-4 space-y-2 border-t border-border pt-4">
            <p className="text-sm text-muted-foreground">
              See the app as {label} sees it, for up to {IMPERSONATION_MINUTES} minutes.
            </p>
            <ImpersonateForm userId={user.id} />
          </div>
        )}
      </Card>

      <Card aria-labelledby="access-heading">
        <h3 id="access-heading" className="font-semibold">
          Access
        </h3>
        <div className="mt-3 grid gap-6 sm:grid-cols-2">
          <div className="space-y-2">
            <h4 className="text-sm font-medium">Sessions</h4>
            <ul className="divide-y divide-border text-sm" data-testid="user-sessions">
              {sessions.map((session) => (
                <li key={session.id} className="flex items-center justify-between gap-2 py-2" data-testid="user-session">
                  <span>
                    <span className="font-medium">{session.device}</span>
                    <span className="block text-muted-foreground">
                      since {formatDateTime(session.createdAt)}, seen {formatDateTime(session.lastSeenAt)}
                      {session.ip ? `, ${session.ip}` : ""}
                    </span>
                  </span>
                  {may("sessions:revoke") && <EndSessionForm userId={user.id} sessionId={session.id} />}
                </li>
              ))}
            </ul>
            {may("sessions:revoke") && (
              <>
                <p className="text-sm text-muted-foreground">End every session: the user must sign in again on each device.</p>
                <SignOutEverywhereForm userId={user.id} />
              </>
            )}
          </div>
          <div className="space-y-2">
            <h4 className="text-sm font-medium">{user.bannedAt ? "Banned" : "Ban"}</h4>
            {!may("users:ban") ? (
              <p className="text-sm text-muted-foreground">{user.bannedAt ? "Banned." : "Not banned."}</p>
            ) : user.bannedAt ? (
              <UnbanForm userId={user.id} />
            ) : isSelf ? (
              <p className="text-sm text-muted-foreground">You cannot ban yourself.</p>
            ) : (
              <BanForm userId={user.id} />
            )}
          </div>
        </div>
      </Card>

      {!isSelf && may("users:delete") && (
        <Card tone="danger" aria-labelledby="delete-heading">
          <h3 id="delete-heading" className="font-semibold text-destructive">
            Delete
          </h3>
          <div className="mt-3 max-w-md">
            <DeleteUserForm userId={user.id} />
          </div>
        </Card>
      )}
    </div>
  );
}
