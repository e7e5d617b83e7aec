import "server-only";
import { createHash } from "node:crypto";
import { getEnv, type RateLimitSetting } from "@/config/env";
import { countHit } from "./counter";
import { plainText } from "@/lib/http/responses";

/**
 * The app's rate limits, each configurable (config/env.ts):
 * - "sign-in": sign-in starts and provider callbacks, per client IP
 *   (RATE_LIMIT_SIGN_IN, default 30 in 10 minutes);
 * - "admin": admin changes, per admin and per client IP
 *   (RATE_LIMIT_ADMIN, default 60 a minute);
 * - "account": changes people make to their own account, per user and per
 *   client IP (RATE_LIMIT_ACCOUNT, default 30 a minute);
 * - "email-link": sign-in links asked for one address from one network
 *   (RATE_LIMIT_EMAIL_LINK, default 5 in 15 minutes), so one requester
 *   cannot lock an address out for everyone; each request also counts as a
 *   sign-in start of the client's IP;
 * - "email-link-address": emails sent to one address, whoever asked
 *   (RATE_LIMIT_EMAIL_LINK_ADDRESS, default 50 a day), and past that
 *   "email-link-slow": one per window/limit (29 minutes), never none
 *   (./sign-in.ts);
 * - "email-link-cooldown": one email a minute at most to an address
 *   (EMAIL_LINK_COOLDOWN), whoever asks: the inbox is not flooded, and the
 *   link already sent still works;
 * - "refusal-audit": at most one audit record a minute per user and page for
 *   refused admin attempts, and "refusal-audit-user": at most 20 a minute
 *   per user whatever the page, so refusals cannot flood the audit log;
 * - "auth-noise": requests for Auth.js routes that do not exist, 20 a minute
 *   per client IP (they answer 404; past this, 429).
 */
export type RuleName =
  | "sign-in"
  | "admin"
  | "account"
  | "email-link"
  | "email-link-address"
  | "email-link-slow"
  | "email-link-cooldown"
  | "refusal-audit"
  | "refusal-audit-user"
  | "auth-noise";

function setting(rule: RuleName): RateLimitSetting {
  const env = getEnv();
  switch (rule) {
    case "sign-in":
      return env.RATE_LIMIT_SIGN_IN;
    case "admin":
      return env.RATE_LIMIT_ADMIN;
    case "account":
      return env.RATE_LIMIT_ACCOUNT;
    case "email-link":
      return env.RATE_LIMIT_EMAIL_LINK;
    case "email-link-address":
      return env.RATE_LIMIT_EMAIL_LINK_ADDRESS;
    case "email-link-slow": {
      const ceiling = env.RATE_LIMIT_EMAIL_LINK_ADDRESS;
      return { limit: 1, windowMs: Math.ceil(ceiling.windowMs / ceiling.limit) };
    }
    case "email-link-cooldown":
      return { limit: 1, windowMs: env.EMAIL_LINK_COOLDOWN * 1000 };
    case "refusal-audit":
      return { limit: 1, windowMs: 60_000 };
    case "refusal-audit-user":
      return { limit: 20, windowMs: 60_000 };
    case "auth-noise":
      return { limit: 20, windowMs: 60_000 };
  }
}

/**
 * The subject a client IP is counted under: an IPv6 address by its /64 (one
 * customer's whole network), IPv4 as is, and every request whose IP is
 * unknown (a misconfigured proxy count, the server's first request) under
 * one shared subject, so an unknown address never escapes the limit.
 */
export function ipSubject(ip: string | null): string {
  if (ip === null) return "ip:unknown";
  if (!ip.includes(":")) return `ip:${ip}`;
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(Math.max(missing, 0)).fill("0"), ...groups(tail)];
  return `ip6:${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/** The subject an email address is counted under: a hash, so the counters hold no addresses. */
export function addressSubject(address: string): string {
  return `address:${createHash("sha256").update(address.toLowerCase()).digest("base64url").slice(0, 32)}`;
}

/**
 * The subject an address's inbox is counted under: a `+tag` in the local
 * part is dropped, as mail providers deliver name+anything@ to name@, so
 * thirty tags do not make thirty inboxes' worth of emails.
 */
export function inboxSubject(address: string): string {
  const at = address.lastIndexOf("@");
  return `inbox:${addressSubject(at > 0 ? `${address.slice(0, at).split("+")[0]}${address.slice(at)}` : address).slice("address:".length)}`;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one use of `rule` by each subject (an IP, an account; null ones are
 * skipped) and says whether all are within the limit. Over the limit, it
 * says how long until the window ends.
 */
export async function consume(rule: RuleName, subjects: (string | null)[]): Promise<Verdict> {
  const { limit, windowMs } = setting(rule);
  const now = new Date();
  let retryAt = 0;
  for (const subject of subjects) {
    if (subject === null) continue;
    const { count, windowStart } = await countHit(rule, subject, windowMs, now);
    if (count > limit) retryAt = Math.max(retryAt, windowStart.getTime() + windowMs);
  }
  return retryAt === 0
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}

/** The answer to an over-limit request to a route: 429 with Retry-After. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return plainText(429, `Too many requests: try again in ${retryAfterSeconds} seconds.`, { "retry-after": String(retryAfterSeconds) });
}
