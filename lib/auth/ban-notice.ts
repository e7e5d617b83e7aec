import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/config/env";
import { findBan } from "@/lib/users/queries";

/**
 * A banned user who tries to sign in is sent to the sign-in error page with
 * a notice: a link naming the user and an expiry, signed with a key derived
 * from AUTH_SECRET for this one purpose. The reason is not in the URL (nor
 * in browser history or logs): the page looks the ban up, so an unban ends
 * the notice at once, and the link itself lasts an hour.
 */
const NOTICE_LIFETIME_MS = 60 * 60 * 1000;

let key: Buffer | undefined;

function noticeKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", getEnv().AUTH_SECRET, "", "starter ban notice", 32));
  return key;
}

function signature(payload: string): Buffer {
  return createHmac("sha256", noticeKey()).update(payload).digest();
}

/** The notice token for a user, valid until `now` plus an hour. */
export function signBanNotice(userId: string, now = Date.now()): string {
  const payload = `${userId}.${now + NOTICE_LIFETIME_MS}`;
  return `${Buffer.from(payload).toString("base64url")}.${signature(payload).toString("base64url")}`;
}

/** The user a notice token names, if this server signed it and it has not expired. */
export function verifyBanNotice(token: unknown, now = Date.now()): string | null {
  if (typeof token !== "string" || token.length > 300) return null;
  const [encoded, given] = token.split(".");
  if (!encoded || !given) return null;
  const payload = Buffer.from(encoded, "base64url").toString();
  const expected = signature(payload);
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const match = /^([\w-]{1,64})\.(\d{1,15})$/.exec(payload);
  return match && Number(match[2]) >= now ? match[1]! : null;
}

export function banNoticeUrl(userId: string): string {
  return `/sign-in/error?${new URLSearchParams({ error: "AccountBanned", notice: signBanNotice(userId) })}`;
}

/** The ban a notice token points to, as it stands now: null once lifted, expired or forged. */
export async function readBanNotice(token: unknown): Promise<{ reason: string | null } | null> {
  const userId = verifyBanNotice(token);
  return userId ? findBan(userId) : null;
}
