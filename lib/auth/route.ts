import "server-only";
import { limitSignIn } from "@/lib/rate-limit/sign-in";
import { EMAIL_PROVIDER_ID } from "./providers";
import { withSignInContext } from "./sign-in-context";

/**
 * Email links are asked for through the sign-in page's action only
 * (requestEmailLink), which validates the address and limits links per
 * address; Auth.js's own endpoint would skip both.
 */
function refusesDirectEmailLinkRequest(request: Request): Response | null {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith(`/signin/${EMAIL_PROVIDER_ID}`)) return null;
  return new Response("Ask for a sign-in link on the sign-in page.\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * Auth.js's route handler, as the app serves it: sign-in starts and callbacks
 * within their rate limit, no email link requests from outside the sign-in
 * page, and each request with a sign-in context (what the sign-in proves,
 * for the session it creates).
 */
export function authRoute<R extends Request>(handler: (request: R) => Promise<Response>) {
  return limitSignIn(async (request: R) => refusesDirectEmailLinkRequest(request) ?? withSignInContext(() => handler(request)));
}
