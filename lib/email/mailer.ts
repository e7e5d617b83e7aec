import "server-only";
import { AuthError } from "next-auth";
import { createTransport, type Transporter } from "nodemailer";
import { getEnv } from "@/config/env";
import { SITE_NAME } from "@/config/site";
import { signInMessage, type SignInMessage } from "./sign-in-message";

/** A sign-in email that could not be sent. An AuthError, so Auth.js hands it back to the sign-in action as is. */
export class EmailDeliveryError extends AuthError {
  static type = "EmailSignInError";
}

const globalForMail = globalThis as typeof globalThis & { mailTransport?: Transporter };

/** One SMTP transport per process, from EMAIL_SERVER; a server that hangs fails the send in seconds, not minutes. */
function mailTransport(): Transporter {
  globalForMail.mailTransport ??= createTransport({
    url: getEnv().EMAIL_SERVER,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return globalForMail.mailTransport;
}

/** A failure's description for the log, with the link and its token taken out. */
export function describeFailure(error: unknown, secrets: string[]): string {
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? `${error.code}: ` : "";
  let description = `${code}${error instanceof Error ? error.message : String(error)}`;
  for (const secret of secrets.filter(Boolean)) description = description.split(secret).join("[link removed]");
  return description;
}

/**
 * The address a sign-in email links to: the confirmation page, with Auth.js's
 * callback parameters, whose button spends the token (lib/auth/route.ts).
 */
export function confirmationLink(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.origin}/sign-in/confirm${url.search}`;
}

export interface SignInLink {
  identifier: string;
  url: string;
  token: string;
  expires: Date;
}

/**
 * Sends a sign-in link (the email provider's sendVerificationRequest, in
 * lib/auth/providers.ts). A failure is logged with the address's domain and
 * the server's answer, never the link, and thrown as an
 * EmailDeliveryError, which the sign-in form turns into a message.
 */
export async function sendSignInLink({ identifier, url, token, expires }: SignInLink, transport = mailTransport()): Promise<void> {
  const link = confirmationLink(url);
  const message = signInMessage({ appName: SITE_NAME, email: identifier, url: link, expires });
  try {
    const result = await transport.sendMail({ to: identifier, from: getEnv().EMAIL_FROM, ...message });
    const refused = [...result.rejected, ...(result.pending ?? [])];
    if (refused.length > 0) throw new Error(`the server refused the recipient (${result.response})`);
  } catch (error) {
    const domain = identifier.split("@").pop();
    console.error(`Sign-in email to an address at ${domain} could not be sent: ${describeFailure(error, [url, link, token])}`);
    throw new EmailDeliveryError("The sign-in email could not be sent.");
  }
}

/**
 * Sends a notice about the account (lib/users/notices.ts). Best effort: the
 * change it reports is made already, so a failure is logged (with the
 * address's domain and the server's answer) and not thrown.
 */
export async function sendAccountNotice(to: string, message: SignInMessage, transport = mailTransport()): Promise<boolean> {
  try {
    await transport.sendMail({ to, from: getEnv().EMAIL_FROM, ...message });
    return true;
  } catch (error) {
    console.error(`An account notice to an address at ${to.split("@").pop()} could not be sent: ${describeFailure(error, [])}`);
    return false;
  }
}
