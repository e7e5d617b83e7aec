/**
 * A same-site path to return to after signing in; anything else (another
 * origin, a protocol-relative URL) becomes "/", so sign-in cannot be used to
 * bounce a visitor to a foreign site.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/** The sign-in page, bringing the visitor back to `returnTo` afterwards. */
export function signInUrl(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: safeReturnPath(returnTo) })}`;
}
