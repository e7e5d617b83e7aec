/**
 * The name of Auth.js's session cookie for a request, decided as Auth.js
 * decides it: `__Secure-` prefixed when the app's URL is https. That URL is
 * AUTH_URL when set; otherwise the request's own, whose protocol Next.js
 * takes from X-Forwarded-Proto by `includes("https")` (a proxy chain can send
 * "https, http"). Pure, so the proxy can use it without the database;
 * tests/integration/session-rules.test.ts pins it to Auth.js.
 */
export function sessionCookieName(requestHeaders: Headers, authUrl: string | undefined): string {
  const https = authUrl
    ? new URL(authUrl).protocol === "https:"
    : (requestHeaders.get("x-forwarded-proto") ?? "").includes("https");
  return `${https ? "__Secure-" : ""}authjs.session-token`;
}
