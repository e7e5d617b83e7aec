/** A fixed origin to resolve return paths against: only paths that stay on it are ours. */
const OWN_ORIGIN = "https://return-path.invalid";

/**
 * A same-site path to return to (after signing in, or any other redirect the
 * app makes); anything else becomes "/". Browsers drop tab, CR and LF inside
 * URLs and read "\" as "/", so "/\t/evil.example" and "/\evil.example" would
 * mean "//evil.example": control characters and backslashes are refused,
 * then the path is resolved against a fixed origin and kept only if it
 * stays there.
 */
export function safeReturnPath(value: unknown, appOrigin?: string): string {
  return returnPathOrNull(value, appOrigin) ?? "/";
}

/** Whether a value names a place on this site by that rule (a request with any other is refused, not redirected home). */
export function isReturnPath(value: unknown, appOrigin?: string): boolean {
  return returnPathOrNull(value, appOrigin) !== null;
}

function returnPathOrNull(value: unknown, appOrigin?: string): string | null {
  // Auth.js hands over absolute URLs of the app itself (its own sign-in page's callbackUrl, say).
  if (typeof value === "string" && appOrigin && (value === appOrigin || value.startsWith(`${appOrigin}/`)))
    value = value.slice(appOrigin.length) || "/";
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return null;
  }
  // "/./..//evil.example" resolves to "//evil.example": same origin here, another site in a Location header.
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, bringing the visitor back to `returnTo` afterwards. */
export function signInUrl(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: safeReturnPath(returnTo) })}`;
}
