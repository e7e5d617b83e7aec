import "server-only";
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { getEnv } from "@/config/env";
import { authRedirect, plainText } from "@/lib/http/responses";
import { countHit } from "@/lib/rate-limit/counter";
import { getSession } from "./guards";
import { isKnownPasskey, PASSKEY_PROVIDER_ID } from "./passkeys";
import { authRequestBody } from "./request-body";
import { cookieValues } from "./session-cookie";

/**
 * What the app checks before Auth.js's passkey endpoints (./route.ts calls
 * passkeyRefusal for every Auth.js request): null lets Auth.js answer.
 */
export async function passkeyRefusal(request: Request, url: URL): Promise<Response | null> {
  if (url.pathname === `/api/auth/webauthn-options/${PASSKEY_PROVIDER_ID}`) return optionsRefusal(url);
  if (url.pathname === `/api/auth/callback/${PASSKEY_PROVIDER_ID}` && request.method === "POST") return callbackRefusal(request);
  return null;
}

/**
 * Passkey options. Auth.js would look a user up by an `email` parameter and
 * answer with their passkeys' ids (an account oracle): passkeys here are
 * discoverable, so no email is taken. Registering one needs a session: it is
 * added from /account (./sign-in.ts checks the rest).
 */
async function optionsRefusal(url: URL): Promise<Response | null> {
  if (url.searchParams.has("email")) return plainText(400, "Passkeys are found without an email address.");
  if (url.searchParams.get("action") === "register" && !(await getSession())) {
    return plainText(403, "Sign in, then add a passkey from your account page.");
  }
  return null;
}

/**
 * How long a used challenge is remembered: Auth.js accepts one for 15
 * minutes after it was issued (WEBAUTHN_CHALLENGE_MAX_AGE), plus 15 seconds
 * of clock tolerance; the count starts at first use, so longer is safe.
 */
const CHALLENGE_MEMORY_MS = 20 * 60_000;
/** Auth.js's challenge cookie, `__Secure-` prefixed over https, and the salt of the token inside it. */
const CHALLENGE_COOKIES = ["authjs.challenge", "__Secure-authjs.challenge"];
const CHALLENGE_SALT = "encodedWebauthnChallenge";

/**
 * A passkey's answer (an assertion, or a new passkey's attestation), before
 * Auth.js verifies it:
 * - its challenge is used once. Auth.js keeps the challenge in a cookie, so
 *   an answer recorded with its cookie would verify again for 15 minutes
 *   where the authenticator keeps no counter (synced passkeys report 0).
 *   The challenge itself is counted, opened from the cookie as Auth.js
 *   opens it, so no other spelling of the cookie counts afresh; a second use
 *   is refused and logged. One challenge cookie per request, and one that
 *   does not open is refused: Auth.js could not verify against it either;
 * - a passkey this site no longer knows (removed from /account, or its user
 *   deleted) still lives on the device, which offers it. Auth.js would call
 *   that a server misconfiguration; the user is told what happened instead.
 *   The body is read as Auth.js reads it (./request-body.ts).
 */
async function callbackRefusal(request: Request): Promise<Response | null> {
  const { action, data } = await authRequestBody(request);
  const credentialId = answeredCredentialId(data);
  // Not an answer at all: Auth.js would fail on it with a stack trace in the log.
  if (!credentialId || (action !== "authenticate" && action !== "register")) return plainText(400, "That is not a passkey's answer.");
  const cookies = CHALLENGE_COOKIES.flatMap((name) => cookieValues(request.headers.get("cookie"), name).map((value) => ({ name, value })));
  if (cookies.length > 1) return plainText(400, "More than one passkey challenge: start again.");
  if (cookies.length === 1) {
    const challenge = await openChallenge(cookies[0]!.name, cookies[0]!.value);
    if (!challenge || (await countHit("passkey-challenge", sha256(challenge), CHALLENGE_MEMORY_MS)).count > 1) {
      console.warn(
        `[auth] A passkey answer was ${challenge ? "replayed: its challenge was used before" : "sent with a challenge that does not open"}. Refused.`,
      );
      return authRedirect(request, "/sign-in/error?error=WebAuthnVerificationError");
    }
  }
  if (action === "authenticate" && !(await isKnownPasskey(credentialId))) {
    return authRedirect(request, "/sign-in/error?error=PasskeyUnknown");
  }
  return null;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/**
 * The challenge sealed in Auth.js's cookie, opened as Auth.js opens it: the
 * cookie's value URL-decoded (its cookie parser), then two encrypted tokens,
 * the cookie's (salted with its name) holding the challenge's.
 */
async function openChallenge(cookieName: string, raw: string): Promise<string | null> {
  const secret = getEnv().AUTH_SECRET;
  let value = raw;
  try {
    value = raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    // Auth.js keeps a value that does not decode as it is.
  }
  try {
    const sealed = await decode({ token: value, secret, salt: cookieName });
    const inner = typeof sealed?.value === "string" ? await decode({ token: sealed.value, secret, salt: CHALLENGE_SALT }) : null;
    return typeof inner?.challenge === "string" && inner.challenge ? inner.challenge : null;
  } catch {
    return null;
  }
}

/** The credential id an answer names, as Auth.js stores it (standard base64); null when it is not shaped like an answer. */
function answeredCredentialId(data: unknown): string | null {
  if (typeof data !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== "object" || parsed === null || !("id" in parsed) || typeof parsed.id !== "string") return null;
    return Buffer.from(parsed.id, "base64").toString("base64");
  } catch {
    return null;
  }
}
