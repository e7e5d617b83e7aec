import { escapeHtml, oneLine, type SignInMessage } from "./sign-in-message";

/**
 * "A sign-in method was added to (or removed from) your account": sent to
 * the user's verified address whenever the ways into their account change,
 * so a change they did not make does not go unnoticed. Every value escaped,
 * the subject one line.
 */
export interface AccountNoticeInput {
  appName: string;
  email: string;
  /** "added" or "removed". */
  change: "added" | "removed";
  /** What was added or removed: "Local test identity provider (ada)", "a passkey (MacBook)". */
  method: string;
  /** Where the change came from: the device and address, when known. */
  from: string | null;
  accountUrl: string;
  at?: Date;
}

export function accountNoticeMessage({
  appName,
  email,
  change,
  method,
  from,
  accountUrl,
  at = new Date(),
}: AccountNoticeInput): SignInMessage {
  const [app, address, what] = [oneLine(appName), oneLine(email), oneLine(method)];
  const summary =
    change === "added"
      ? `${what} can now sign in to your ${app} account (${address}).`
      : `${what} was removed from your ${app} account (${address}).`;
  const when = `${at.toISOString().slice(0, 16).replace("T", " ")} UTC${from ? `, from ${oneLine(from)}` : ""}`;
  const advice = "If this was not you, sign in, end your other sessions and check your sign-in methods:";
  const text = [summary, "", `When: ${when}`, "", advice, accountUrl, ""].join("\n");
  const html = `<!doctype html>
<html>
  <body style="font-family: system-ui, sans-serif; color: #18181b; max-width: 32rem; margin: 0 auto; padding: 24px;">
    <p>${escapeHtml(summary)}</p>
    <p style="font-size: 13px; color: #52525b;">When: ${escapeHtml(when)}</p>
    <p>${escapeHtml(advice)} <a href="${escapeHtml(accountUrl)}">${escapeHtml(accountUrl)}</a></p>
  </body>
</html>
`;
  return { subject: `${app}: a sign-in method was ${change}`, text, html };
}
