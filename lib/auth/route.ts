import "server-only";
import { limitSignIn } from "@/lib/rate-limit/sign-in";
import { withSignInContext } from "./sign-in-context";

/**
 * Auth.js's route handler, as the app serves it: sign-in starts and callbacks
 * within their rate limit, and each request with a sign-in context (what the
 * sign-in proves, for the session it creates).
 */
export function authRoute<R extends Request>(handler: (request: R) => Promise<Response>) {
  return limitSignIn((request: R) => withSignInContext(() => handler(request)));
}
