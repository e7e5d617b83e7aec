import "server-only";
import type { Session } from "next-auth";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Permission } from "@/config/roles";
import type { Actor } from "@/lib/audit/actor";
import { recordImpersonatedAction } from "@/lib/audit/refusals";
import { consume, ipSubject } from "@/lib/rate-limit/limits";
import { UserActionError } from "@/lib/users/errors";
import { requirePermission, requireSession } from "./guards";
import { needsReauthentication } from "./reauthentication";
import { requestOrigin } from "./request-origin";
import { isSensitiveAction } from "./sensitive-actions";

/** What a form shows after it is submitted. */
export type ActionResult =
  | { status: "success"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[] | undefined> }
  /** A sensitive action, and the user proved who they are too long ago: they sign in again, then retry. */
  | { status: "reauthenticate"; message: string };

/** A server action as a form calls it through useActionState. */
export type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

type Schema = z.ZodType<Record<string, unknown>>;

/**
 * The one place a form is read: its fields validated by `schema`, or the
 * result that shows the form its field errors. A hand-made request can send
 * anything as the form: only a FormData is read.
 */
function parseForm<S extends Schema>(schema: S, formData: unknown): { input: z.output<S> } | { refused: ActionResult } {
  const parsed = schema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : {});
  if (parsed.success) return { input: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
  return { refused: { status: "error", message: "Check the highlighted field.", fieldErrors } };
}

/**
 * An action anyone may use (signing in): its input validated, then `run`,
 * which returns the form's result or redirects. A refusal (UserActionError)
 * becomes the form's message.
 */
export function publicAction<S extends Schema>(schema: S, run: (input: z.output<S>) => Promise<ActionResult>): FormAction {
  return async (_previous, formData) => {
    const form = parseForm(schema, formData);
    if ("refused" in form) return form.refused;
    return answerRefusals(() => run(form.input));
  };
}

async function answerRefusals(work: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserActionError) return { status: "error", message: error.message };
    throw error;
  }
}

/** Who is acting: the audit log's actor, and their session. */
export type ActionActor = Actor & { id: string; session: Session };

interface ActionDefinition<S extends Schema> {
  /** Names the action in the audit log of refused attempts. */
  name: string;
  /** What the user's role must grant (config/roles.ts); without one, any signed-in user may. */
  permission?: Permission;
  schema: S;
  /** Only the user themself, never someone viewing the app as them (ending their sessions on their own devices, say). */
  ownerOnly?: boolean;
  /** Whether this input makes the action sensitive: it then needs a sign-in within REAUTH_WINDOW. */
  sensitive?: (input: z.output<S>) => boolean | Promise<boolean>;
  /** The change; its message is the form's. */
  run: (input: z.output<S>, actor: ActionActor) => Promise<string>;
  /** The pages to show fresh data after a change. */
  revalidate: string;
}

/**
 * Every action of a signed-in user goes through here, so none can forget a step:
 * 1. authorization first, before the input is even read, by the guards
 *    pages use (./guards.ts): anonymous visitors go to sign in; a signed-in
 *    user whose role lacks the action's permission gets 403 (audited);
 * 2. the rate limit of its kind ("admin" or "account"), per user and per IP;
 * 3. the input validated by `schema`, field errors returned to the form;
 * 4. re-authentication, when the input makes the action sensitive (refused
 *    outright while someone views the app as the user, as an `ownerOnly`
 *    action is);
 * 5. the work, whose refusals (UserActionError) become the form's message;
 * 6. what is done while impersonating, audited with both identities;
 * 7. the pages re-rendered with the new data.
 */
export function authorizedAction<S extends Schema>(action: ActionDefinition<S>): FormAction {
  if (Boolean(action.sensitive) !== isSensitiveAction(action.name)) {
    throw new Error(`${action.name}: an action has a \`sensitive\` check exactly when lib/auth/sensitive-actions.ts lists it`);
  }
  return async (_previous, formData) => {
    const session = action.permission ? await requirePermission(action.permission, `action ${action.name}`) : await requireSession();
    const { ip } = await requestOrigin();
    const verdict = await consume(action.permission ? "admin" : "account", [session.user.id, ipSubject(ip)]);
    if (!verdict.allowed) {
      return { status: "error", message: `Too many changes in a short time: try again in ${verdict.retryAfterSeconds} seconds.` };
    }
    const form = parseForm(action.schema, formData);
    if ("refused" in form) return form.refused;
    const sensitive = await action.sensitive?.(form.input);
    // Someone viewing as this user cannot act as them where it counts.
    if (session.impersonator && (sensitive || action.ownerOnly)) {
      return { status: "error", message: "Not while viewing as another user: stop first." };
    }
    if (sensitive) {
      if (needsReauthentication(session)) {
        return {
          status: "reauthenticate",
          message: "This change needs a recent sign-in: sign in again to confirm it's you, then repeat it.",
        };
      }
    }
    return answerRefusals(async () => {
      const message = await action.run(form.input, { id: session.user.id, email: session.user.email, ip, session });
      if (session.impersonator) await recordImpersonatedAction(session, action.name, ip);
      revalidatePath(action.revalidate, "layout");
      return { status: "success", message };
    });
  };
}
