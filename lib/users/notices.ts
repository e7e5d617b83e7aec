import "server-only";
import { getEnv } from "@/config/env";
import { SITE_NAME } from "@/config/site";
import { User } from "@/entities/User";
import { requestOrigin } from "@/lib/auth/request-origin";
import { getEm } from "@/lib/db/orm";
import { accountNoticeMessage } from "@/lib/email/account-notice";
import { sendAccountNotice } from "@/lib/email/mailer";
import { describeUserAgent } from "./user-agent";

/**
 * Tells a user by email that a way into their account was added or removed,
 * when this site sends email and their address is verified (an unproved
 * address may be someone else's). Returns whether a notice was sent.
 */
export async function notifySignInMethodChange(userId: string, change: "added" | "removed", method: string): Promise<boolean> {
  const env = getEnv();
  if (!env.EMAIL_SERVER || !env.EMAIL_FROM) return false;
  const user = await (await getEm()).findOne(User, { id: userId }, { fields: ["email", "emailVerified"] });
  if (!user?.email || !user.emailVerified) return false;
  const { userAgent, ip } = await requestOrigin();
  const from = [userAgent ? describeUserAgent(userAgent) : null, ip].filter(Boolean).join(", ") || null;
  const accountUrl = new URL("/account", env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).toString();
  return sendAccountNotice(user.email, accountNoticeMessage({ appName: SITE_NAME, email: user.email, change, method, from, accountUrl }));
}
