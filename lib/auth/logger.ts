import "server-only";

/**
 * Auth.js's error log, with what visitors cause on one line: a used or
 * expired sign-in link, a refused sign-in, an email that could not be sent
 * (lib/email/mailer.ts logs why). Those are not faults of the server, and a
 * stack trace for each would bury the ones that are. Everything else is
 * printed as Auth.js prints it: the error, then its cause's stack.
 */
const CAUSED_BY_VISITORS = new Set(["Verification", "AccessDenied", "EmailSignInError"]);

export function logAuthError(error: Error): void {
  const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
  const message = error.message.replace(/\s*Read more at \S+$/, "");
  if (CAUSED_BY_VISITORS.has(type)) {
    console.warn(`[auth] ${type}${message ? `: ${message}` : ""}`);
    return;
  }
  const cause = error.cause && typeof error.cause === "object" && "err" in error.cause ? error.cause.err : undefined;
  console.error(`[auth][error] ${type}: ${message}`);
  console.error(cause instanceof Error ? cause.stack : error.stack);
}
