import "server-only";

/**
 * Auth.js's error log, with what visitors cause on one line: a used or
 * expired sign-in link, a refused sign-in, an email that could not be sent
 * (lib/email/mailer.ts logs why), a passkey assertion that failed to verify
 * (forged, replayed, or from a cloned authenticator: the line says which
 * check failed), a post without Auth.js's CSRF token, a provider or action
 * a hand-made request names, a callback that failed on what it was sent
 * (the line gives the cause). Those lines carry the visitor's text, so
 * their line breaks are removed. Those are not faults of the server, and a stack trace for
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
]);

/**
 * A provider's callback that failed on what the visitor brought (no code or
 * issuer, a state that does not match): oauth4webapi's checks of the
 * response. Not a provider that cannot be reached or refuses the app's
 * credentials: those are the server's, printed in full.
 */
function failedOnVisitorInput(type: string, cause: unknown): boolean {
  return type === "CallbackRouteError" && cause instanceof Error && cause.name === "OperationProcessingError";
}

/** A visitor's text on one log line: no line breaks or control characters to forge lines with. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, " ");

export function logAuthError(error: Error): void {
  const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
  const message = error.message.replace(/\s*Read more at \S+$/, "");
  const cause = error.cause && typeof error.cause === "object" && "err" in error.cause ? error.cause.err : undefined;
  if (CAUSED_BY_VISITORS.has(type) || failedOnVisitorInput(type, cause)) {
    const reason = oneLine(message || (cause instanceof Error ? cause.message : ""));
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
