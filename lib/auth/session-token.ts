import { createHash, randomBytes } from "node:crypto";

/**
 * Session tokens: 256 random bits in the cookie; the database keeps only
 * their SHA-256 (lib/auth/session-store.ts). Pure, for scripts and tests too.
 */

/** A new session token for Auth.js to put in the cookie (auth.ts: generateSessionToken). */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** This app's tokens (43 base64url characters), or the UUIDs of sessions from before it hashed them. */
export function isSessionTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,128}$/.test(value);
}
