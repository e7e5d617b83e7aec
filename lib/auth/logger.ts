import "server-only";

/**
 * Auth.js's error log, with what visitors cause on one line: a used or
 * expired sign-in link, a refused sign-in, an email that could not be sent
 * (lib/email/mailer.ts logs why), a passkey assertion that failed to verify
 * (forged, replayed, or from a cloned authenticator: the line says which
 * check failed), a post without Auth.js's CSRF token, a provider or action
 * a hand-made request names, a callback that failed on what it was sent
 * (the line gives the cause). A database fault is an AdapterError, printed
 * in full. Those are not faults of the server, and a stack trace for
 * each would bury the ones that are. Everything else is printed as Auth.js
 * prints it: the error, then its cause's stack.
 */
const CAUSED_BY_VISITORS = new Set([
  "Verification",
  "AccessDenied",
  "EmailSignInError",
  "WebAuthnVerificationError",
  "InvalidCheck",
  "MissingCSRF",
  "InvalidProvider",
  "UnknownAction",
  // A provider's callback that failed on what the visitor brought (no code, a forged state): the cause says which.
  "CallbackRouteError",
]);

export function logAuthError(error: Error): void {
  const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
  const message = error.message.replace(/\s*Read more at \S+$/, "");
  const cause = error.cause && typeof error.cause === "object" && "err" in error.cause ? error.cause.err : undefined;
  if (CAUSED_BY_VISITORS.has(type)) {
    const reason = message || (cause instanceof Error ? cause.message : "");
    console.warn(`[auth] ${type}${reason ? `: ${reason}` : ""}`);
    return;
  }
  console.error(`[auth][error] ${type}: ${message}`);
  console.error(cause instanceof Error ? cause.stack : error.stack);
}

const warned = new Set<string>();

/**
 * Auth.js's warnings, each once per process: it repeats them on every
 * request (with passkeys on, `experimental-webauthn` on each one), which
 * would bury everything else in the log.
 */
export function logAuthWarning(code: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`[auth][warn][${code}] Read more: https://warnings.authjs.dev`);
}
