import { z } from "zod";
import { optionalText } from "./env-fields";

/**
 * The email sign-in settings of the env schema (./env.ts): the SMTP server
 * and sender that enable sign-in links, and the development mailbox
 * (scripts/dev-mailbox.ts) that stands in for a real server on this machine.
 */

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** An SMTP server as a URL: smtp://user:password@host:587 or smtps://... (implicit TLS, port 465). */
export const smtpUrl = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url && ["smtp:", "smtps:"].includes(url.protocol) && url.hostname) return value;
  ctx.addIssue({
    code: "custom",
    message: "must be an SMTP URL: smtp://user:password@smtp.example.com:587, or smtps://... for implicit TLS on port 465",
  });
  return z.NEVER;
});

/** A sender: an address, or `Name <address>`, on one line. */
export const sender = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const address = /<([^<>]+)>$/.exec(value)?.[1] ?? value;
  if (!/[\r\n]/.test(value) && z.email().safeParse(address.trim()).success) return value;
  ctx.addIssue({ code: "custom", message: 'must be an address or "Name <address>", e.g. "Acme <no-reply@acme.example>"' });
  return z.NEVER;
});

/** Where the development mailbox listens: the host and port of EMAIL_SERVER, which must be on this machine. */
export function devMailboxAddress(emailServer: string): { host: string; port: number } | null {
  const url = new URL(emailServer);
  if (url.protocol !== "smtp:" || !LOOPBACK_HOSTS.includes(url.hostname)) return null;
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 25) };
}

interface EmailSettings {
  NODE_ENV: string;
  EMAIL_SERVER?: string;
  EMAIL_FROM?: string;
  DEV_MAILBOX_DIR?: string;
  LOCAL_OIDC_ALLOW_IN_PRODUCTION: boolean;
}

/** The rules between the email settings, added to the schema's other cross-field rules. */
export function checkEmailSettings(env: EmailSettings, ctx: z.RefinementCtx): void {
  if (Boolean(env.EMAIL_SERVER) !== Boolean(env.EMAIL_FROM)) {
    ctx.addIssue({
      code: "custom",
      path: [env.EMAIL_SERVER ? "EMAIL_FROM" : "EMAIL_SERVER"],
      message: "is missing: set both EMAIL_SERVER and EMAIL_FROM to enable email sign-in links, or neither to disable them",
    });
  }
  if (!env.DEV_MAILBOX_DIR) return;
  if (!env.EMAIL_SERVER || !devMailboxAddress(env.EMAIL_SERVER)) {
    ctx.addIssue({
      code: "custom",
      path: ["DEV_MAILBOX_DIR"],
      message:
        "is set, but EMAIL_SERVER does not point at this machine: the development mailbox listens where EMAIL_SERVER " +
        "says, e.g. smtp://127.0.0.1:2525. Unset DEV_MAILBOX_DIR to send through a real SMTP server",
    });
  }
  if (env.NODE_ENV === "production" && !env.LOCAL_OIDC_ALLOW_IN_PRODUCTION) {
    ctx.addIssue({
      code: "custom",
      path: ["DEV_MAILBOX_DIR"],
      message:
        "is set in production: the development mailbox shows everyone's sign-in links at /dev/mailbox. " +
        "Unset it, or set LOCAL_OIDC_ALLOW_IN_PRODUCTION=true for a test deployment",
    });
  }
}
