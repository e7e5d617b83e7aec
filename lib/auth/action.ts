import "server-only";
import { revalidatePath } from "next/cache";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { ADMIN_ROLE } from "@/config/roles";
import type { Actor } from "@/lib/audit/actor";
import { recordRefusedAdminAttempt } from "@/lib/audit/refusals";
import { consume, ipSubject } from "@/lib/rate-limit/limits";
import { UserActionError } from "@/lib/users/errors";
import { needsReauthentication } from "./reauthentication";
import { requestOrigin } from "./request-origin";
import { signInUrl } from "./return-path";
import { getCurrentSession, type CurrentSession } from "./session";

/** What a form shows after it is submitted. */
export type ActionResult =
  | { status: "success"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[] | undefined> }
  /** A sensitive action, and the user proved who they are too long ago: they sign in again, then retry. */
  | { status: "reauthenticate"; message: string };

/** Who is acting: the audit log's actor, and their session. */
export type ActionActor = Actor & { id: string; session: CurrentSession["session"] };

interface ActionDefinition<S extends z.ZodType<Record<string, unknown>>> {
  /** Names the action in the audit log of refused attempts. */
  name: string;
  /** Who may use it: any signed-in user, or admins only. */
  role: "user" | "admin";
  schema: S;
  /** Whether this input makes the action sensitive: it then needs a sign-in within REAUTH_WINDOW. */
  sensitive?: (input: z.output<S>) => boolean | Promise<boolean>;
  run: (input: z.output<S>, actor: ActionActor) => Promise<string>;
  /** The pages to show fresh data after a change. */
  revalidate: string;
}

/**
 * Every server action goes through here, so none can forget a step:
 * 1. authorization first, before the input is even read: anonymous visitors
 *    go to sign in; a signed-in user who is not an admin gets 403 (audited)
 *    from an admin action;
 * 2. the rate limit of its kind ("admin" or "account"), per user and per IP;
 * 3. the input validated by `schema`, field errors returned to the form;
 * 4. re-authentication, when the input makes the action sensitive;
 * 5. the work, whose refusals (UserActionError) become the form's message;
 * 6. the pages re-rendered with the new data.
 */
export function authorizedAction<S extends z.ZodType<Record<string, unknown>>>(action: ActionDefinition<S>) {
  return async (_previous: ActionResult | null, formData: unknown): Promise<ActionResult> => {
    const current = await getCurrentSession();
    if (!current) redirect(signInUrl(action.revalidate));
    if (action.role === "admin" && current.user.role !== ADMIN_ROLE) {
      await recordRefusedAdminAttempt(current.user, `action ${action.name}`);
      forbidden();
    }
    const { ip } = await requestOrigin();
    const verdict = await consume(action.role === "admin" ? "admin" : "account", [current.user.id, ipSubject(ip)]);
    if (!verdict.allowed) {
      return { status: "error", message: `Too many changes in a short time: try again in ${verdict.retryAfterSeconds} seconds.` };
    }
    // A hand-made request can send anything as the form: only a FormData is read.
    const parsed = action.schema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : {});
    if (!parsed.success) {
      return {
        status: "error",
        message: "Check the highlighted field.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
      };
    }
    if ((await action.sensitive?.(parsed.data)) && needsReauthentication(current.session)) {
      return { status: "reauthenticate", message: "This change needs a recent sign-in: sign in again to confirm it's you, then repeat it." };
    }
    try {
      const actor = { id: current.user.id, email: current.user.email, ip, session: current.session };
      const message = await action.run(parsed.data, actor);
      revalidatePath(action.revalidate, "layout");
      return { status: "success", message };
    } catch (error) {
      if (error instanceof UserActionError) return { status: "error", message: error.message };
      throw error;
    }
  };
}
