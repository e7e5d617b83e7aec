import { z } from "zod";
import type { DatabaseTarget } from "./database-url";
import { checkDatabasePool, databasePoolFields, databasePoolSchema, type DatabasePoolSettings } from "./env-database";
import { checkEmailSettings, sender, smtpUrl } from "./env-email";
import { databaseUrl, duration, emailList, flag, isHttpsOrLoopback, optionalText, optionalUrl, rateLimit } from "./env-fields";

export type { DatabaseDialect, DatabaseTarget } from "./database-url";
export type { RateLimitSetting } from "./env-fields";
export type { DatabasePoolSettings } from "./env-database";

/**
 * The one schema for the app's configuration. It is checked when the server
 * starts (instrumentation.ts), by `npm run dev` and by every script, so a bad
 * value stops everything with a message that names the variable and the fix.
 * It imports nothing from the app, so any layer may use it.
 */

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    AUTH_SECRET: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z
        .string({
          error: "is missing: generate one with `npx auth secret` (or `openssl rand -base64 33`) and set it in .env",
        })
        // Auth.js reads the variable as it is: a space around it is part of its key, and of no other's.
        .refine((value) => value === value.trim(), "has spaces or a line break around it: remove them (Auth.js would count them)")
        .pipe(z.string().min(32, "is too short: use at least 32 random characters, e.g. from `openssl rand -base64 33`")),
    ),
    AUTH_URL: optionalUrl("must be the app's public URL, e.g. https://example.com"),
    AUTH_TRUST_HOST: flag(),
    DATABASE_URL: databaseUrl,
    ...databasePoolFields,
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,
    AUTH_LOCAL_OIDC_ISSUER: optionalUrl("must be the local identity provider's URL, e.g. http://127.0.0.1:3001"),
    AUTH_LOCAL_OIDC_ID: z.string().trim().min(1).default("local-dev-client"),
    AUTH_LOCAL_OIDC_SECRET: z.string().trim().min(1).default("local-dev-secret"),
    LOCAL_OIDC_ALLOW_IN_PRODUCTION: flag(),
    ADMIN_EMAILS: emailList,
    EMAIL_SERVER: smtpUrl,
    EMAIL_FROM: sender,
    EMAIL_LINK_TTL: duration("10m"),
    AUTH_PASSKEYS: flag(),
    DEV_MAILBOX_DIR: optionalText,
    DEV_HOST: z
      .string()
      .trim()
      .regex(/^[\w.:-]+$/, "must be an address to listen on, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface")
      .default("127.0.0.1"),
    SESSION_IDLE_TIMEOUT: duration("7d"),
    SESSION_MAX_AGE: duration("30d"),
    REAUTH_WINDOW: duration("10m"),
    RATE_LIMIT_SIGN_IN: rateLimit("30/10m"),
    RATE_LIMIT_ADMIN: rateLimit("60/1m"),
    RATE_LIMIT_ACCOUNT: rateLimit("30/1m"),
    RATE_LIMIT_EMAIL_LINK: rateLimit("5/15m"),
    RATE_LIMIT_EMAIL_LINK_ADDRESS: rateLimit("50/24h"),
    EMAIL_LINK_COOLDOWN: duration("60s"),
    TRUSTED_PROXY_HOPS: optionalText.transform((value, ctx) => {
      const hops = Number(value ?? "0");
      if (Number.isInteger(hops) && hops >= 0 && hops <= 10) return hops;
      ctx.addIssue({ code: "custom", message: "must be a whole number from 0 to 10: how many reverse proxies stand in front of the app" });
      return z.NEVER;
    }),
  })
  .superRefine((env, ctx) => {
    checkEmailSettings(env, ctx);
    checkDatabasePool(env, ctx);
    for (const provider of ["GITHUB", "GOOGLE"] as const) {
      const id = env[`AUTH_${provider}_ID`];
      const secret = env[`AUTH_${provider}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        const missing = id ? `AUTH_${provider}_SECRET` : `AUTH_${provider}_ID`;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is missing: set both AUTH_${provider}_ID and AUTH_${provider}_SECRET, or neither to disable ${provider === "GITHUB" ? "GitHub" : "Google"} sign-in`,
        });
      }
    }
    if (env.NODE_ENV === "production" && !env.AUTH_URL) {
      // With AUTH_TRUST_HOST alone, Auth.js builds the OAuth redirect_uri from whatever host and
      // protocol reach the server, and behind a proxy the sign-in and its callback disagree.
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: env.AUTH_TRUST_HOST
          ? "is missing: AUTH_TRUST_HOST alone is not enough in production (sign-in and its callback would " +
            "disagree on the app's address behind a proxy). Set AUTH_URL to the app's public https URL"
          : "is missing: in production set it to the app's public URL, e.g. https://app.example.com",
      });
    }
    if (env.NODE_ENV === "production" && env.AUTH_URL && !isHttpsOrLoopback(env.AUTH_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message:
          "must be https in production (cookies and sign-in links travel over it); " +
          "plain http is allowed only for localhost, to try a production build",
      });
    }
    if (env.NODE_ENV === "production" && env.AUTH_LOCAL_OIDC_ISSUER && !env.LOCAL_OIDC_ALLOW_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_LOCAL_OIDC_ISSUER"],
        message:
          "is set in production: the local identity provider lets anyone sign in as any email. " +
          "Unset it, or set LOCAL_OIDC_ALLOW_IN_PRODUCTION=true for a test deployment",
      });
    }
  });

export type Env = z.output<typeof envSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      "Invalid configuration (environment variables or .env):\n" +
        problems.map((problem) => `  - ${problem}`).join("\n") +
        "\nSee docs/configuration.md for every variable.",
    );
    this.name = "ConfigurationError";
  }
}

function configurationError(error: z.ZodError, path: string[] = []): ConfigurationError {
  return new ConfigurationError(error.issues.map((issue) => `${[...path, ...issue.path].join(".") || "configuration"} ${issue.message}`));
}

/** Validates a set of variables; throws a ConfigurationError listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw configurationError(result.error);
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * DATABASE_URL alone, by the same rule: the database options are built when
 * auth.ts is loaded, which `next build` does without the app's secrets.
 */
export function getDatabaseTarget(): DatabaseTarget {
  if (cached) return cached.DATABASE_URL;
  const result = databaseUrl.safeParse(process.env.DATABASE_URL);
  if (!result.success) throw configurationError(result.error, ["DATABASE_URL"]);
  return result.data;
}

/** The connection pool settings alone, for the same reason as getDatabaseTarget. */
export function getDatabasePool(): DatabasePoolSettings {
  if (cached) return cached;
  const result = databasePoolSchema.superRefine(checkDatabasePool).safeParse(process.env);
  if (!result.success) throw configurationError(result.error);
  return result.data;
}

/** Checks the configuration at start-up: on a bad one, prints every problem and exits. */
export function exitOnInvalidConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
