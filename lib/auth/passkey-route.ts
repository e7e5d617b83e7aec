import "server-only";
import { createHash } from "node:crypto";
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

/** How long Auth.js's challenge cookie lives (its WEBAUTHN_CHALLENGE_MAX_AGE): a challenge is remembered as long. */
const CHALLENGE_LIFETIME_MS = 15 * 60_000;
/** Auth.js's challenge cookie, `__Secure-` prefixed over https. */
const CHALLENGE_COOKIES = ["authjs.challenge", "__Secure-authjs.challenge"];

/**
 * A passkey's answer (an assertion, or a new passkey's attestation), before
 * Auth.js verifies it:
 * - its challenge is used once. Auth.js keeps the challenge in a cookie, so
 *   an answer recorded with its cookie would verify again for 15 minutes
 *   where the authenticator keeps no counter (synced passkeys report 0).
 *   Each challenge cookie is counted, whatever the body says (Auth.js
 *   verifies the answer against that cookie's challenge); a second use is
 *   refused and logged;
 * - a passkey this site no longer knows (removed from /account, or its user
 *   deleted) still lives on the device, which offers it. Auth.js would call
 *   that a server misconfiguration; the user is told what happened instead.
 *   The body is read as Auth.js reads it (./request-body.ts).
 */
async function callbackRefusal(request: Request): Promise<Response | null> {
  const challenges = CHALLENGE_COOKIES.flatMap((name) => cookieValues(request.headers.get("cookie"), name));
  for (const challenge of challenges) {
    const key = createHash("sha256").update(challenge).digest("base64url");
    if ((await countHit("passkey-challenge", key, CHALLENGE_LIFETIME_MS)).count > 1) {
      console.warn("[auth] A passkey answer was replayed: its challenge was used before. Refused.");
      return authRedirect(request, "/sign-in/error?error=WebAuthnVerificationError");
    }
  }
  const { action, data } = await authRequestBody(request);
  const credentialId = answeredCredentialId(data);
  if (action === "authenticate" && credentialId && !(await isKnownPasskey(credentialId))) {
    return authRedirect(request, "/sign-in/error?error=PasskeyUnknown");
  }
  return null;
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
