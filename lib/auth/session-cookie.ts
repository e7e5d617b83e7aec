/**
 * Whether a request reached the app over https: AUTH_URL's protocol when it
 * is set (production requires it); otherwise the request's own, which
 * Next.js takes from X-Forwarded-Proto by `includes("https")` (a proxy chain
 * can send "https, http"). Auth.js decides from the same URL.
 */
export function isHttpsRequest(requestHeaders: Headers, authUrl: string | undefined): boolean {
  return authUrl
    ? new URL(authUrl).protocol === "https:"
    : (requestHeaders.get("x-forwarded-proto") ?? "").includes("https");
}

/**
 * The name of the session cookie for a request: `__Host-` prefixed over
 * https (the browser then refuses it unless Secure, host-only and for the
 * whole site), plain over http. auth.ts gives Auth.js this name, and the
 * proxy and lib/auth/session.ts read it: pure, so the proxy can use it
 * without the database. tests/integration/session-rules.test.ts checks it
 * against what Auth.js reads.
 */
export function sessionCookieName(requestHeaders: Headers, authUrl: string | undefined): string {
  return `${isHttpsRequest(requestHeaders, authUrl) ? "__Host-" : ""}authjs.session-token`;
}

/** The session cookie's attributes, for Auth.js (auth.ts) and for the proxy that refreshes it. */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
}

/**
 * Every value the request's Cookie header gives `name`, in order. Parsers
 * keep one value per name (Next.js the last, Auth.js the first), so
 * duplicates are counted here, from the raw header.
 */
export function cookieValues(cookieHeader: string | null, name: string): string[] {
  return (cookieHeader ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}

/** Set for an hour after the proxy re-sends the session cookie: it is refreshed at most hourly. */
export const SESSION_REFRESHED_COOKIE = "session-cookie-refreshed";
