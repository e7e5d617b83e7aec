import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url";

/** The field types of the env schema (./env.ts): each parses one variable and says what is wrong with it. */

export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const flag = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return false;
      if (["1", "true", "yes"].includes(value)) return true;
      if (["0", "false", "no"].includes(value)) return false;
      ctx.addIssue({ code: "custom", message: 'must be "true" or "false"' });
      return z.NEVER;
    });

export const optionalUrl = (message: string) => optionalText.pipe(z.url({ error: message }).optional());

export const emailList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const emails = (value ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean);
    for (const email of emails) {
      if (!z.email().safeParse(email).success) {
        ctx.addIssue({
          code: "custom",
          message: `has "${email}", which is not an email address (use a comma-separated list of emails)`,
        });
      }
    }
    return emails;
  });

export const databaseUrl = optionalText.transform((value, ctx) => {
  const target = parseDatabaseUrl(value ?? DEFAULT_DATABASE_URL);
  if (typeof target === "string") {
    ctx.addIssue({ code: "custom", message: target });
    return z.NEVER;
  }
  return target;
});

/** https, or http on this machine only (localhost, 127.0.0.1, [::1]). */
export function isHttpsOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}

export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

const WINDOW_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** A rate limit written as "<count>/<window>", e.g. "30/10m" (units s, m, h). */
export const rateLimit = (fallback: string) =>
  optionalText.transform((value, ctx): RateLimitSetting => {
    const match = /^(\d{1,6})\s*\/\s*(\d{1,5})\s*([smh])$/.exec(value ?? fallback);
    if (match && Number(match[1]) > 0 && Number(match[2]) > 0) {
      return { limit: Number(match[1]), windowMs: Number(match[2]) * WINDOW_UNITS[match[3]!]! };
    }
    ctx.addIssue({ code: "custom", message: 'must be "<count>/<window>", e.g. "30/10m" (window in s, m or h)' });
    return z.NEVER;
  });

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** A duration written as a number and a unit, e.g. "7d", "12h", "10m" (units s, m, h, d); read in seconds. */
export const duration = (fallback: string) =>
  optionalText.transform((value, ctx): number => {
    const match = /^(\d{1,6})\s*([smhd])$/.exec(value ?? fallback);
    if (match && Number(match[1]) > 0) return Number(match[1]) * DURATION_UNITS[match[2]!]!;
    ctx.addIssue({ code: "custom", message: 'must be a number and a unit, e.g. "7d", "12h" or "10m" (units s, m, h, d)' });
    return z.NEVER;
  });
