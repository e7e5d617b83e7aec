import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/config/env";
import { signInUrl } from "@/lib/auth/return-path";
import { isHttpsRequest, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { contentSecurityPolicy, HSTS } from "@/lib/http/security-headers";

/**
 * Runs before every page (and the admin API), cheaply, with no database:
 * - gives the response a Content-Security-Policy with a fresh nonce, which
 *   Next.js reads from the request to mark its own scripts, and HSTS over
 *   https;
 * - refuses a server action posted from another origin with 403;
 * - is the optimistic first gate of the admin area, as Next.js recommends a
 *   proxy: a visitor without a session cookie is sent to sign in (and
 *   brought back). Whether the cookie is a live session of an admin is
 *   decided by requireAdmin() in every admin page, action and route.
 */
export function proxy(request: NextRequest) {
  const authUrl = getEnv().AUTH_URL;
  const { pathname, search } = request.nextUrl;
  // A server action posted from another site: Next.js would refuse it too, but with a 500.
  const origin = request.headers.get("origin");
  if (request.method === "POST" && request.headers.has("next-action") && origin && origin !== new URL(authUrl ?? request.url).origin) {
    return new NextResponse("Cross-site request refused.\n", { status: 403 });
  }
  if (/^\/(admin|api\/admin)(\/|$)/.test(pathname) && !request.cookies.has(sessionCookieName(request.headers, authUrl))) {
    return NextResponse.redirect(new URL(signInUrl(pathname + search), request.url));
  }
  const https = isHttpsRequest(request.headers, authUrl);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  refreshSessionCookie(request, response, https, authUrl);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

/** Set for an hour after the session cookie is re-sent: the cookie is refreshed at most hourly. */
const REFRESHED_MARKER = "session-cookie-refreshed";

/**
 * Keeps the browser's session cookie alive as long as the session: the
 * database extends a session on use (at most hourly, never past its absolute
 * lifetime), so the cookie is re-sent with the idle timeout ahead, at most
 * once an hour, without a database lookup. A cookie that outlives its
 * session is harmless: the server no longer knows its token.
 */
function refreshSessionCookie(request: NextRequest, response: NextResponse, https: boolean, authUrl: string | undefined): void {
  const name = sessionCookieName(request.headers, authUrl);
  const token = request.cookies.get(name)?.value;
  if (!token || request.cookies.has(REFRESHED_MARKER)) return;
  const options = sessionCookieOptions(https);
  response.cookies.set(name, token, { ...options, maxAge: getEnv().SESSION_IDLE_TIMEOUT });
  response.cookies.set(REFRESHED_MARKER, "1", { ...options, maxAge: 60 * 60 });
}

export const config = {
  // Pages and the admin API; not static files, and not Auth.js's own routes.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)", "/api/admin/:path*"],
};
