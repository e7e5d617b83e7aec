import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/config/env";

/**
 * A banned user is sent to the sign-in error page with the ban's reason in
 * the URL, signed with AUTH_SECRET so nobody can make the site display a
 * message of their own choosing.
 */
function sign(reason: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET).update(`ban-notice:${reason}`).digest("base64url");
}

export function banNoticeUrl(reason: string | null): string {
  const params = new URLSearchParams({ error: "AccountBanned" });
  if (reason) {
    params.set("reason", reason);
    params.set("sig", sign(reason));
  }
  return `/sign-in/error?${params}`;
}

/** The reason, if the URL carries one this server signed. */
export function readBanReason(reason: unknown, signature: unknown): string | null {
  if (typeof reason !== "string" || typeof signature !== "string" || !reason) return null;
  const expected = Buffer.from(sign(reason));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? reason : null;
}
