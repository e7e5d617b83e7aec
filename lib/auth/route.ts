import "server-only";
import { getEnv } from "@/config/env";
import { answeringDatabaseFaults } from "@/lib/db/unavailable";
import { limitAuthRequest } from "@/lib/rate-limit/sign-in";
import { normalizeEmail } from "@/lib/users/email";
import { passkeyRefusal } from "./passkey-route";
import { PASSKEY_PROVIDER_ID } from "./passkeys";
import { authRequestBody } from "./request-body";
import { plainText, seeOther } from "@/lib/http/responses";
import { configuredProviderIds, EMAIL_PROVIDER_ID } from "./providers";
import { isReturnPath } from "./return-path";
import { getSession } from "./guards";
import { withSignInProof } from "./sign-in-proof";

/**
 * Auth.js's route handler, as the app serves it. Before Auth.js sees a
 * request: a route Auth.js does not have answers 404 (Auth.js would log a
 * stack trace for each); sign-in starts, callbacks and unknown routes are
 * rate-limited per client; then the refusals below. Each request runs with a
 * place for what a sign-in proves, for the session it creates
 * (./sign-in-proof.ts).
 */
export function authRoute<R extends Request>(handler: (request: R) => Promise<Response>) {
  return answeringDatabaseFaults(async (request: R) => {
    // Auth.js answers only these, and logs an error for any other (a HEAD from a monitor, say).
    if (request.method !== "GET" && request.method !== "POST") return plainText(405, "Method not allowed.", { allow: "GET, POST" });
    const action = authAction(new URL(request.url).pathname);
    const limited = action === "signin" || action === "callback" ? action : action === null ? "unknown" : null;
    const overLimit = limited && (await limitAuthRequest(request, limited));
    if (overLimit) return overLimit;
    if (action === null) return plainText(404, "Not found.");
    return (await refusal(request)) ?? withSignInProof(() => handler(request));
  });
}

/** Auth.js's routes: those with no provider, and those for one configured provider. */
const ACTIONS = new Set(["session", "csrf", "providers", "signout", "error", "verify-request", "signin"]);
const PROVIDER_ACTIONS = new Set(["signin", "callback", "webauthn-options"]);

/** The Auth.js action a path names ("callback", say), or null for a route Auth.js does not have. */
export function authAction(pathname: string): string | null {
  const [action, provider, ...rest] = pathname.replace(/^\/api\/auth\//, "").split("/");
  if (!action || rest.length > 0) return null;
  if (provider === undefined) return ACTIONS.has(action) ? action : null;
  if (action === "webauthn-options" && provider !== PASSKEY_PROVIDER_ID) return null;
  return PROVIDER_ACTIONS.has(action) && configuredProviderIds().has(provider) ? action : null;
}

const EMAIL_CALLBACK = `/api/auth/callback/${EMAIL_PROVIDER_ID}`;

async function refusal(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  // Email links are asked for through the sign-in page's action only (requestEmailLink), which checks
  // the address and limits links per address; Auth.js's own endpoint would skip both.
  if (request.method === "POST" && url.pathname === `/api/auth/signin/${EMAIL_PROVIDER_ID}`) {
    return plainText(403, "Ask for a sign-in link on the sign-in page.");
  }
  // Auth.js answers a callbackUrl it cannot parse with a 500 (and logs it as given); ours are paths on this site.
  const origin = new URL(getEnv().AUTH_URL ?? request.url).origin;
  if ((await callbackUrls(request, url)).some((value) => !isReturnPath(value, origin))) {
    return plainText(400, "callbackUrl must be a path on this site.");
  }
  if (url.pathname === EMAIL_CALLBACK) return emailCallbackRefusal(request, url);
  return passkeyRefusal(request, url);
}

/** The callbackUrl values Auth.js would read: the query's, and the body's (anything but text is no path). */
async function callbackUrls(request: Request, url: URL): Promise<string[]> {
  const values = url.searchParams.getAll("callbackUrl");
  const { callbackUrl } = await authRequestBody(request);
  if (callbackUrl !== undefined) values.push(typeof callbackUrl === "string" ? callbackUrl : "");
  return values;
}

/**
 * An email link's token is used up by the first request that opens it, and
 * mail scanners open links to check them. So the link leads to a page
 * (/sign-in/confirm) whose button posts here: a GET is sent there. A post
 * without a token, or from a browser signed in as someone else, is turned
 * away before the token is spent.
 */
async function emailCallbackRefusal(request: Request, url: URL): Promise<Response | null> {
  if (request.method === "GET") return seeOther(request, `/sign-in/confirm${url.search}`);
  if (!url.searchParams.get("token")) return seeOther(request, "/sign-in/error?error=Verification");
  const current = await getSession();
  const email = url.searchParams.get("email");
  if (current && email !== null && normalizeEmail(email) !== current.user.email) {
    return seeOther(request, "/sign-in/error?error=SignedInAlready");
  }
  return null;
}
