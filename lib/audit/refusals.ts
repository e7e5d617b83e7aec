import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/config/env";
import type { Session } from "next-auth";
import type { SessionUser } from "@/lib/auth/session";
import { getEm } from "@/lib/db/orm";
import { consume } from "@/lib/rate-limit/limits";
import { clientIp } from "./client-ip";
import { recordAudit } from "./record";

/**
 * Records that a signed-in user who is not an admin tried an admin page,
 * route or action (`surface`): who, where, when and from which IP. At most
 * one record a minute per user and surface, and a few a minute per user
 * whatever the surface, so refusals cannot flood the log.
 */
export async function recordRefusedAdminAttempt(user: SessionUser, surface: string): Promise<void> {
  if (!(await consume("refusal-audit", [`${user.id}:${surface}`])).allowed) return;
  if (!(await consume("refusal-audit-user", [user.id])).allowed) return;
  const em = await getEm();
  const actor = { id: user.id, email: user.email, ip: clientIp(await headers(), getEnv().TRUSTED_PROXY_HOPS) };
  recordAudit(em, {
    actor,
    targetId: user.id,
    targetEmail: user.email,
    action: "admin_access_refused",
    before: null,
    after: { surface, role: user.role },
  });
  await em.flush();
}

/** Records an action done while someone viewed the app as its user, with both identities (lib/users/impersonation.ts). */
export async function recordImpersonatedAction(session: Session, name: string, ip: string | null): Promise<void> {
  const em = await getEm();
  const entry = recordAudit(em, {
    actor: { id: session.user.id, email: session.user.email, ip },
    targetId: session.user.id,
    targetEmail: session.user.email,
    action: "impersonated_action",
    before: null,
    after: { action: name },
  });
  entry.impersonatorId = session.impersonator?.id ?? null;
  await em.flush();
}
