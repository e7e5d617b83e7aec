import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/config/env";

/**
 * Short, signed tokens for one purpose each (a ban notice link, a "connect
 * a sign-in method" intent): the payload, an expiry, and an HMAC under a key
 * derived from AUTH_SECRET for that purpose alone, so a token made for one
 * use is worthless for another, and AUTH_SECRET itself signs nothing.
 */
const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", getEnv().AUTH_SECRET, "", `starter ${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}

const mac = (purpose: string, payload: string) => createHmac("sha256", keyFor(purpose)).update(payload).digest();

/** A token carrying `value` (letters, digits, _ and -) for `purpose`, valid for `lifetimeMs` from `now`. */
export function signToken(purpose: string, value: string, lifetimeMs: number, now = Date.now()): string {
  const payload = `${value}.${now + lifetimeMs}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(purpose, payload).toString("base64url")}`;
}

/** The value of a token this server signed for `purpose`, if it has not expired; otherwise null. */
export function verifyToken(purpose: string, token: unknown, now = Date.now()): string | null {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [encoded, given] = token.split(".") as [string, string];
  const payload = Buffer.from(encoded, "base64url").toString();
  // Compared as text: decoding would ignore the last character's spare bits, letting a changed token pass.
  const expected = Buffer.from(mac(purpose, payload).toString("base64url"));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const match = /^([\w-]{1,64})\.(\d{1,15})$/.exec(payload);
  return match && Number(match[2]) >= now ? match[1]! : null;
}
