/**
 * The sign-in email: a plain-text and a simple HTML version that name the
 * app, the address and when the link expires. Every value is escaped for
 * HTML, and the subject is kept to one line, so an app name or address with
 * markup or line breaks cannot change the message.
 */

export interface SignInMessage {
  subject: string;
  text: string;
  html: string;
}

export interface SignInMessageInput {
  appName: string;
  email: string;
  url: string;
  expires: Date;
  now?: Date;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Control characters (line breaks included) become spaces: header values stay one line. */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** "10 minutes", "1 hour", "90 seconds": how long a link lasts, rounded down to the largest whole unit. */
export function describeLifetime(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const [amount, unit] =
    seconds >= 3600 && seconds % 3600 === 0
      ? [seconds / 3600, "hour"]
      : seconds >= 60
        ? [Math.floor(seconds / 60), "minute"]
        : [seconds, "second"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

export function signInMessage({ appName, email, url, expires, now = new Date() }: SignInMessageInput): SignInMessage {
  const app = oneLine(appName);
  const address = oneLine(email);
  const lifetime = describeLifetime(expires.getTime() - now.getTime());
  const text = [
    `Sign in to ${app}`,
    "",
    `Open this link to sign in as ${address}:`,
    url,
    "",
    `The link works once and expires in ${lifetime}.`,
    "If you did not ask to sign in, ignore this email: nobody can sign in without the link.",
    "",
  ].join("\n");
  const html = `<!doctype html>
<html>
  <body style="font-family: system-ui, sans-serif; color: #18181b; max-width: 32rem; margin: 0 auto; padding: 24px;">
    <h1 style="font-size: 20px;">Sign in to ${escapeHtml(app)}</h1>
    <p>Open this link to sign in as <strong>${escapeHtml(address)}</strong>:</p>
    <p><a href="${escapeHtml(url)}" style="display: inline-block; background: #18181b; color: #ffffff; padding: 10px 16px; border-radius: 6px; text-decoration: none;">Sign in</a></p>
    <p style="font-size: 13px; color: #52525b;">Or copy this address into your browser:<br>${escapeHtml(url)}</p>
    <p style="font-size: 13px; color: #52525b;">The link works once and expires in ${escapeHtml(lifetime)}. If you did not ask to sign in, ignore this email: nobody can sign in without the link.</p>
  </body>
</html>
`;
  return { subject: `Sign in to ${app}`, text, html };
}
