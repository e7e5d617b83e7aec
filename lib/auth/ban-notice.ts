import "server-only";
import { findBan } from "@/lib/users/queries";
import { signToken, verifyToken } from "./signed-token";

/**
 * A banned user who tries to sign in is sent to the sign-in error page with
 * a notice: a link naming the user and an expiry, signed for this one
 * purpose (./signed-token.ts). The reason is not in the URL (nor in browser
 * history or logs): the page looks the ban up, so an unban ends the notice at
 * once, and the link itself lasts an hour.
 */
const PURPOSE = "ban notice";
const NOTICE_LIFETIME_MS = 60 * 60 * 1000;

export function signBanNotice(userId: string, now = Date.now()): string {
  return signToken(PURPOSE, userId, NOTICE_LIFETIME_MS, now);
}

/** The user a notice token names, if this server signed it and it has not expired. */
export function verifyBanNotice(token: unknown, now = Date.now()): string | null {
  return verifyToken(PURPOSE, token, now);
}

export function banNoticeUrl(userId: string): string {
  return `/sign-in/error?${new URLSearchParams({ error: "AccountBanned", notice: signBanNotice(userId) })}`;
}

/** The ban a notice token points to, as it stands now: null once lifted, expired or forged. */
export async function readBanNotice(token: unknown): Promise<{ reason: string | null; until: Date | null } | null> {
  const userId = verifyBanNotice(token);
  return userId ? findBan(userId) : null;
}
