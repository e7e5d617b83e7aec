import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getEnv } from "@/config/env";
import type { Actor } from "@/lib/audit/actor";
import { clientIp } from "@/lib/audit/client-ip";
import { consume } from "@/lib/rate-limit/limits";
import { UserActionError } from "@/lib/users/errors";
import { requireAdmin } from "./guards";

/** What an admin form shows after it is submitted. */
export type ActionResult =
  | { status: "success"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[] | undefined> };

/**
 * Every admin server action goes through here, so none can forget a step:
 * 1. authorization first (anonymous: sign in; not an admin: 403, audited),
 *    before the input is even read;
 * 2. the admin rate limit, per admin and per IP;
 * 3. the input validated by `schema`, field errors returned to the form;
 * 4. the work, whose refusals (UserActionError) become the form's message;
 * 5. the admin pages re-rendered with the new data.
 */
export function adminAction<S extends z.ZodType<Record<string, unknown>>>(
  name: string,
  schema: S,
  work: (input: z.output<S>, actor: Actor) => Promise<string>,
) {
  return async (_previous: ActionResult | null, formData: unknown): Promise<ActionResult> => {
    const admin = await requireAdmin("/admin", `action ${name}`);
    const ip = clientIp(await headers(), getEnv().TRUSTED_PROXY_HOPS);
    const verdict = await consume("admin", [admin.id, ip]);
    if (!verdict.allowed) {
      return { status: "error", message: `Too many changes in a short time: try again in ${verdict.retryAfterSeconds} seconds.` };
    }
    // A hand-made request can send anything as the form: only a FormData is read.
    const parsed = schema.safeParse(formData instanceof FormData ? Object.fromEntries(formData) : {});
    if (!parsed.success) {
      return {
        status: "error",
        message: "Check the highlighted field.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
      };
    }
    try {
      const message = await work(parsed.data, { id: admin.id, email: admin.email, ip });
      revalidatePath("/admin", "layout");
      return { status: "success", message };
    } catch (error) {
      if (error instanceof UserActionError) return { status: "error", message: error.message };
      throw error;
    }
  };
}
