import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/config/env";
import { signInUrl } from "@/lib/auth/return-path";
import {
  cookieValues,
  isHttpsRequest,
  SESSION_REFRESHED_COOKIE,
  sessionCookieName,
  sessionCookieOptions,
} from "@/lib/auth/session-cookie";
import { databaseReachable } from "@/lib/db/health";
import { serviceUnavailable } from "@/lib/db/unavailable";
import { contentSecurityPolicy, HSTS } from "@/lib/http/security-headers";

/**
 * Runs before every request but static files, cheaply, with no database
 * query of its own (a shared ping at most every two seconds):
 * - refuses what would otherwise reach Next.js as a 500: a POST from another
 *   site, a body over Next.js's limit, a path that does not decode;
 * - answers 503 while the database is unreachable (lib/db/health.ts), so no
 *   request waits on it, and nothing is half done;
 * - is the optimistic first gate of the admin area, as Next.js recommends a
 *   proxy: a visitor without a session cookie is sent to sign in (and
 *   brought back). Whether the cookie is a live session of an admin is
 *   decided by requireAdmin() in every admin page, action and route;
 * - gives every response a Content-Security-Policy with a fresh nonce (which
 *   Next.js reads from the request to mark its own scripts), and HSTS over
 *   https;
 * - re-sends the session cookie at most hourly, so it lasts as the session does.
 */
export async function proxy(request: NextRequest) {
  const authUrl = getEnv().AUTH_URL;
  const https = isHttpsRequest(request.headers, authUrl);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });
  const secured = <T extends Response>(response: T): T => {
    response.headers.set("content-security-policy", policy);
    if (https) response.headers.set("strict-transport-security", HSTS);
    return response;
  };

  const refused = refusal(request, new URL(authUrl ?? request.url));
  if (refused) return secured(new NextResponse(`${refused.message}\n`, { status: refused.status }));
  const { pathname, search } = request.nextUrl;
  if (!(await databaseReachable())) return secured(serviceUnavailable(request));
  if (/^\/(admin|api\/admin)(\/|$)/.test(pathname) && !request.cookies.has(sessionCookieName(request.headers, authUrl))) {
    return secured(NextResponse.redirect(new URL(signInUrl(pathname + search), request.url)));
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = secured(NextResponse.next({ request: { headers: requestHeaders } }));
  if (request.method === "GET" && !pathname.startsWith("/api/")) refreshSessionCookie(request, response, https, authUrl);
  return response;
}

/** Next.js's own limit on a server action's body. */
const MAX_BODY_BYTES = 1024 * 1024;

function refusal(request: NextRequest, own: URL): { status: number; message: string } | null {
  const { pathname } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, message: "Malformed request." };
  }
  if (request.method !== "POST") return null;
  // Providers that answer with a form post (Sign in with Apple, say) post to the callback from their own site.
  // Not the email callback: only this site's confirmation page posts there, and a post from another site
  // would sign the visitor into an account of the attacker's choosing (login CSRF).
  const origin = request.headers.get("origin");
  const providerPost = pathname.startsWith("/api/auth/callback/") && !pathname.startsWith("/api/auth/callback/email");
  if (origin && origin !== own.origin && !providerPost) {
    return { status: 403, message: "Cross-site request refused." };
  }
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (forwardedHost && getEnv().AUTH_URL && forwardedHost !== own.host) return { status: 400, message: "Unexpected host." };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return { status: 413, message: "Request too large." };
  // A chunked body has no length to check here, and Next.js fails an oversized one with a 500; browsers send a length.
  if (request.headers.has("next-action") && !request.headers.has("content-length")) return { status: 411, message: "Length required." };
  return null;
}

/**
 * Keeps the browser's session cookie alive as long as the session: the
 * database extends a session on use (at most hourly, never past its absolute
 * lifetime), so the cookie is re-sent with the idle timeout ahead, at most
 * once an hour, without a database lookup. A cookie that outlives its
 * session is harmless: the server no longer knows its token.
 */
function refreshSessionCookie(request: NextRequest, response: NextResponse, https: boolean, authUrl: string | undefined): void {
  const name = sessionCookieName(request.headers, authUrl);
  const sent = cookieValues(request.headers.get("cookie"), name);
  if (sent.length !== 1 || request.cookies.has(SESSION_REFRESHED_COOKIE)) return;
  const options = sessionCookieOptions(https);
  response.cookies.set(name, sent[0]!, { ...options, maxAge: getEnv().SESSION_IDLE_TIMEOUT });
  response.cookies.set(SESSION_REFRESHED_COOKIE, "1", { ...options, maxAge: 60 * 60 });
}

export const config = {
  // Everything but the build's static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
